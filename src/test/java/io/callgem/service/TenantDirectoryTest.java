package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantDirectoryTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "acme|acme",
            "Acme-1.eu_west|Acme-1.eu_west",
            "..|_",
            ".|_",
            "...|_",
            "../../x|.._.._x",
            "a/b|a_b",
            "a\\b|a_b",
            "two words|two_words",
            "C:|C_",
            "ünïcode|_n_code",
            "''|_",
    })
    void makesTenantsSafeFolderNames(String tenant, String expected) {
        assertThat(TenantDirectory.of(tenant)).isEqualTo(expected);
    }

    @Test
    void emptyAndMissingTenantsGetAFolderToo() {
        assertThat(TenantDirectory.of("")).isEqualTo("_");
        assertThat(TenantDirectory.of(null)).isEqualTo("_");
    }

    @ParameterizedTest
    @CsvSource({ "..", "../../etc", "/abs/path", "a/../../b", "....//", "\u0000x" })
    void neverEscapesTheOutcomesFolder(String tenant) {
        Path root = Path.of("/data/outcomes");
        Path folder = root.resolve(TenantDirectory.of(tenant)).normalize();
        assertThat(folder.getParent()).isEqualTo(root);
    }
}
