package dev.csemu.tls;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * BouncyCastle stays behind the {@code CertificateAuthority} seam, and the seam does not
 * reach back into the feature.
 */
class TlsArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.csemu");

	@Test
	void onlyTheInternalPackageUsesBouncyCastle() {
		noClasses().that()
			.resideOutsideOfPackage("dev.csemu.tls.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.bouncycastle..")
			.check(CLASSES);
	}

	@Test
	void theInternalPackageDoesNotDependOnTheFeature() {
		noClasses().that()
			.resideInAPackage("dev.csemu.tls.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.csemu.tls")
			.check(CLASSES);
	}

	@Test
	void noOtherFeatureReachesIntoTheInternalPackage() {
		noClasses().that()
			.resideOutsideOfPackage("dev.csemu.tls..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.csemu.tls.internal..")
			.check(CLASSES);
	}

}
