package com.hellobooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout's rules, checked on the compiled classes so a change that breaks one fails the
 * build instead of waiting for a review: packages depend on each other one way only, and each
 * stays small enough to read.
 */
class ArchitectureTest {

    private static final int MAX_CLASSES_PER_PACKAGE = 12;
    private static final int MAX_LINES_PER_FILE = 250;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.hellobooks");

    /**
     * One slice per package, sub-packages included (web.errors and web.paging are two slices),
     * so a cycle between two concerns of the web layer fails as one between features does.
     */
    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.hellobooks.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noPackageHasMoreThanTwelveClasses() {
        Map<String, List<String>> byPackage = MAIN.stream()
                .filter(type -> type.getEnclosingClass().isEmpty())
                .collect(Collectors.groupingBy(JavaClass::getPackageName,
                        Collectors.mapping(JavaClass::getSimpleName, Collectors.toList())));
        assertThat(byPackage).isNotEmpty();
        assertThat(byPackage).allSatisfy((name, classes) -> assertThat(classes).as(name).hasSizeLessThanOrEqualTo(MAX_CLASSES_PER_PACKAGE));
    }

    @Test
    void noMainSourceFileIsLongerThan250Lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                assertThat(Files.readAllLines(source)).as(source.toString()).hasSizeLessThanOrEqualTo(MAX_LINES_PER_FILE);
            }
        }
    }
}
