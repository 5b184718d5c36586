package dev.csemu;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package by feature, dependencies one way: each feature may use only the features on its
 * allow-list, heavy libraries stay behind their seams and nobody reaches into another
 * feature's {@code internal} package. Classes are imported without resolving Spring and
 * Tomcat from the class path ({@code archunit.properties}): only our own packages matter.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.csemu");

	/** Which features each feature may depend on; everything else is forbidden. */
	private static final Map<String, Set<String>> ALLOWED = Map.of("web", Set.of(), "clock", Set.of(), "auth",
			Set.of("web", "clock"), "system", Set.of("web", "clock"), "network", Set.of("web", "clock", "system"),
			"tls", Set.of("web", "clock", "system"), "report", Set.of("web", "clock", "system", "network", "tls"),
			"control", Set.of("web", "clock", "auth", "system", "network", "tls", "report"));

	@TestFactory
	Stream<DynamicTest> eachFeatureDependsOnlyOnTheFeaturesItIsAllowed() {
		return ALLOWED.entrySet().stream().sorted(Map.Entry.comparingByKey()).map((feature) -> {
			String[] forbidden = ALLOWED.keySet()
				.stream()
				.filter((other) -> !other.equals(feature.getKey()) && !feature.getValue().contains(other))
				.map((other) -> "dev.csemu." + other + "..")
				.toArray(String[]::new);
			return DynamicTest.dynamicTest(feature.getKey() + " -> " + new TreeSet<>(feature.getValue()),
					() -> noClasses().that()
						.resideInAPackage("dev.csemu." + feature.getKey() + "..")
						.should()
						.dependOnClassesThat()
						.resideInAnyPackage(forbidden)
						.allowEmptyShould(true)
						.check(classes));
		});
	}

	@Test
	void everyFeatureIsOnTheAllowList() {
		Set<String> features = new TreeSet<>();
		classes.forEach((javaClass) -> {
			String name = javaClass.getPackageName();
			if (name.startsWith("dev.csemu.")) {
				features.add(name.substring("dev.csemu.".length()).split("\\.")[0]);
			}
		});
		assertThat(ALLOWED.keySet()).containsAll(features);
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

}
