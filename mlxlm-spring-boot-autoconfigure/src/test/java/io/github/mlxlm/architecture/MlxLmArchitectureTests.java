/*
 * Copyright 2025-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mlxlm.architecture;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the starter's packages, as CONTRIBUTING.md describes it: {@code api}
 * (the wire) → {@code client} → {@code chat}, {@code fleet}, {@code health} →
 * {@code metrics} → {@code autoconfigure}, each using only those before it.
 */
@AnalyzeClasses(packages = "io.github.mlxlm", importOptions = ImportOption.DoNotIncludeTests.class)
final class MlxLmArchitectureTests {

	private MlxLmArchitectureTests() {
	}

	@ArchTest
	static final ArchRule layersOnlyUseTheLayersBeforeThem = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("api")
		.definedBy("io.github.mlxlm.api..")
		.layer("client")
		.definedBy("io.github.mlxlm.client..")
		.layer("chat")
		.definedBy("io.github.mlxlm.chat..")
		.layer("fleet")
		.definedBy("io.github.mlxlm.fleet..")
		.layer("health")
		.definedBy("io.github.mlxlm.health..")
		.layer("metrics")
		.definedBy("io.github.mlxlm.metrics..")
		.layer("autoconfigure")
		.definedBy("io.github.mlxlm.autoconfigure..")
		.whereLayer("autoconfigure")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("metrics")
		.mayOnlyBeAccessedByLayers("autoconfigure")
		.whereLayer("health")
		.mayOnlyBeAccessedByLayers("autoconfigure")
		.whereLayer("fleet")
		.mayOnlyBeAccessedByLayers("metrics", "autoconfigure")
		.whereLayer("chat")
		.mayOnlyBeAccessedByLayers("metrics", "autoconfigure")
		.whereLayer("client")
		.mayOnlyBeAccessedByLayers("chat", "fleet", "health", "metrics", "autoconfigure")
		.whereLayer("api")
		.mayOnlyBeAccessedByLayers("client", "chat", "fleet", "health", "metrics", "autoconfigure");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.github.mlxlm.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule featurePackagesNeverImportSpringBootAutoConfiguration = noClasses().that()
		.resideInAnyPackage("io.github.mlxlm.api..", "io.github.mlxlm.client..", "io.github.mlxlm.chat..",
				"io.github.mlxlm.fleet..", "io.github.mlxlm.health..", "io.github.mlxlm.metrics..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.boot.autoconfigure..");

	@ArchTest
	static final ArchRule autoconfigureMakesPublicOnlyWhatApplicationsUse = classes().that()
		.resideInAPackage("io.github.mlxlm.autoconfigure..")
		.and()
		.areTopLevelClasses()
		.and()
		.arePublic()
		.should()
		.beAnnotatedWith(AutoConfiguration.class)
		.orShould()
		.beAnnotatedWith(ConfigurationProperties.class)
		.orShould()
		.beInterfaces()
		.orShould()
		.beAssignableTo(RuntimeException.class)
		.orShould()
		.beAssignableTo(EnvironmentPostProcessor.class)
		.because("the rest is wiring: connection details, conditions, customizers, annotations, properties,"
				+ " exceptions and auto-configurations are the public API of this package");

	@ArchTest
	static final ArchRule autoConfigurationsAreFinal = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.haveModifier(JavaModifier.FINAL);

}
