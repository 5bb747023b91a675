package jp.kasane.api.web.agencies;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production bootstrap file: checked exactly as {@code POST /api/v1/agencies} checks a body, every bad field
 * named, and ignored once the registry holds anything. (Filling an empty registry is {@code ProductionStartIT}: the
 * jar in the prod profile on a fresh database.)
 */
@KasaneIntegrationTest
class RegistryBootstrapTest {

    @TempDir
    Path dir;

    @Autowired
    JdbcAgencyDirectory directory;
    @Autowired
    ObjectMapper json;
    @Autowired
    Validator validator;

    @Test
    void a_valid_file_gives_its_agencies_with_names_cleaned_as_the_api_cleans_them() throws IOException {
        List<Agency> agencies = bootstrap("").read(file("""
                {"agencies":[
                  {"id":"city-welfare","name":"　市 福祉政策課　","type":"MULTI_AGENCY_COORDINATOR"},
                  {"id":"houkatsu-east","name":"地域包括支援センター東","type":"COMMUNITY_GENERAL_SUPPORT_CENTER"}]}"""));

        assertThat(agencies).containsExactly(
                new Agency("city-welfare", "市 福祉政策課", AgencyType.MULTI_AGENCY_COORDINATOR),
                new Agency("houkatsu-east", "地域包括支援センター東", AgencyType.COMMUNITY_GENERAL_SUPPORT_CENTER));
    }

    @Test
    void every_bad_field_is_named_and_nothing_is_returned() throws IOException {
        Path bad = file("""
                {"agencies":[
                  {"id":"Bad Id","name":"x","type":"COMMUNITY_GENERAL_SUPPORT_CENTER"},
                  {"id":"ok-one","name":"　","type":"NO_SUCH_TYPE"}]}""");

        assertThatThrownBy(() -> bootstrap("").read(bad))
                .hasMessageContaining("kasane.registry.bootstrap")
                .hasMessageContaining("agencies[0].id")
                .hasMessageContaining("agencies[1].name")
                .hasMessageContaining("agencies[1].type");
    }

    @Test
    void a_twice_named_id_an_unknown_key_an_empty_list_or_no_json_is_refused() throws IOException {
        assertThatThrownBy(() -> bootstrap("").read(file("""
                {"agencies":[{"id":"same-id","name":"a","type":"OTHER_PUBLIC_BODY"},
                             {"id":"same-id","name":"b","type":"OTHER_PUBLIC_BODY"}]}""")))
                .hasMessageContaining("agencies[1].id: same-id is named twice");
        assertThatThrownBy(() -> bootstrap("").read(file("""
                {"agencies":[{"id":"typo-one","name":"a","typ":"OTHER_PUBLIC_BODY"}]}""")))
                .hasMessageContaining("typ");
        assertThatThrownBy(() -> bootstrap("").read(file("{\"agencies\":[]}")))
                .hasMessageContaining("agencies: ");
        assertThatThrownBy(() -> bootstrap("").read(file("agencies: [x]")))
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> bootstrap("").read(dir.resolve("missing.json")))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void a_registry_that_holds_agencies_ignores_the_file() throws IOException {
        List<Agency> before = directory.all();
        assertThat(before).isNotEmpty();
        Path file = file("""
                {"agencies":[{"id":"bootstrap-ignored","name":"無視","type":"OTHER_PUBLIC_BODY"}]}""");

        bootstrap(file.toString()).afterSingletonsInstantiated();

        assertThat(directory.find("bootstrap-ignored")).isEmpty();
        assertThat(directory.fillIfEmpty(List.of(new Agency("bootstrap-ignored", "無視", AgencyType.OTHER_PUBLIC_BODY))))
                .isZero();
        assertThat(directory.find("bootstrap-ignored")).isEmpty();
    }

    private RegistryBootstrap bootstrap(String file) {
        return new RegistryBootstrap(file, directory, json, validator);
    }

    private Path file(String content) throws IOException {
        Path file = Files.createTempFile(dir, "registry", ".json");
        Files.writeString(file, content);
        return file;
    }
}
