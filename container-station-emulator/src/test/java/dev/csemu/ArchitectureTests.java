package dev.csemu;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package by feature, dependencies one way: no cycles between features, {@code web}
 * depends on no feature, heavy libraries stay behind their seams and nobody reaches into
 * another feature's {@code internal} package.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.csemu");

	@Test
	void featuresHaveNoCycles() {
		slices().matching("dev.csemu.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void webDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.csemu.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.csemu.auth..", "dev.csemu.system..", "dev.csemu.network..", "dev.csemu.tls..",
					"dev.csemu.report..", "dev.csemu.control..")
			.check(classes);
	}

	@Test
	void noFeatureReachesIntoAnotherFeaturesInternals() {
		noClasses().that()
			.resideOutsideOfPackage("dev.csemu.tls..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.csemu.tls.internal..")
			.check(classes);
	}

	@Test
	void theCertificateAuthorityKnowsNothingOfTheTlsFeature() {
		noClasses().that()
			.resideInAPackage("dev.csemu.tls.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.csemu.tls")
			.check(classes);
	}

	@Test
	void bouncyCastleStaysInsideTheCertificateAuthority() {
		noClasses().that()
			.resideOutsideOfPackage("dev.csemu.tls.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.bouncycastle..")
			.check(classes);
	}

	@Test
	void oshiStaysBehindTheHostProbe() {
		noClasses().that()
			.resideOutsideOfPackage("dev.csemu.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("oshi..")
			.check(classes);
	}

	@Test
	void theEmulatedApiDoesNotDependOnTheControlPlane() {
		noClasses().that()
			.resideInAnyPackage("dev.csemu.auth..", "dev.csemu.system..", "dev.csemu.network..", "dev.csemu.tls..",
					"dev.csemu.report..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.csemu.control..")
			.check(classes);
	}

}
