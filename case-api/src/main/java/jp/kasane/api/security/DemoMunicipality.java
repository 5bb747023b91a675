package jp.kasane.api.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kasane.core.access.Role;
import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo municipality of API.md ({@code classpath:demo-municipality.json}): its agencies and the fixed API keys
 * that authenticate as them when {@code kasane.security.demo-keys} is on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DemoMunicipality(List<Agency> agencies, List<ApiKey> apiKeys) {

    public static final String RESOURCE = "/demo-municipality.json";

    /** One demo API key. {@code agencyType} repeats the agency's type so the file reads like API.md's table. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiKey(String key, String agencyId, AgencyType agencyType, Set<Role> roles) {
    }

    public DemoMunicipality {
        agencies = List.copyOf(agencies);
        apiKeys = List.copyOf(apiKeys);
        Map<String, Agency> byId = agencies.stream().collect(Collectors.toMap(Agency::id, Function.identity()));
        Set<String> keys = new HashSet<>();
        for (ApiKey apiKey : apiKeys) {
            Agency agency = byId.get(apiKey.agencyId());
            if (agency == null || agency.type() != apiKey.agencyType()) {
                throw new IllegalStateException("Demo key " + apiKey.key() + " names agency " + apiKey.agencyId()
                        + " of type " + apiKey.agencyType() + ", which the demo municipality does not list");
            }
            if (apiKey.roles() == null || apiKey.roles().isEmpty() || !keys.add(apiKey.key())) {
                throw new IllegalStateException("Demo key " + apiKey.key() + " has no roles or is listed twice");
            }
        }
    }

    public static DemoMunicipality load(ObjectMapper objectMapper) {
        try (InputStream in = DemoMunicipality.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + RESOURCE + " is missing");
            }
            return objectMapper.readValue(in, DemoMunicipality.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + RESOURCE, e);
        }
    }
}
