package jp.kasane.api.web.agencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.kasane.api.agency.JdbcAgencyDirectory;
import jp.kasane.core.agency.Agency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first agencies of a production registry (docs/security.md, "Production start-up"): with
 * {@code kasane.registry.bootstrap} naming a JSON file {@code {"agencies":[{id, name, type}]}}, an empty registry is
 * filled from it once at start-up, before the server takes requests; a registry that holds any agency ignores the
 * file. Without it a fresh production database has no agency, so no token is accepted and no ADMIN can add one.
 *
 * <p>Each entry must pass exactly the checks of {@code POST /api/v1/agencies} ({@link NewAgencyRequest}); a file
 * that does not, or cannot be read, stops the start with a message naming every bad field, so a typo never leaves
 * a city with half a registry.
 */
@Component
public class RegistryBootstrap implements SmartInitializingSingleton {

    public static final String PROPERTY = "kasane.registry.bootstrap";

    private static final Logger log = LoggerFactory.getLogger(RegistryBootstrap.class);

    /** The file's shape. */
    record BootstrapFile(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid NewAgencyRequest> agencies) {
    }

    private final String file;
    private final JdbcAgencyDirectory directory;
    private final ObjectMapper json;
    private final Validator validator;

    public RegistryBootstrap(@Value("${" + PROPERTY + ":}") String file, JdbcAgencyDirectory directory,
                             ObjectMapper json, Validator validator) {
        this.file = file;
        this.directory = directory;
        this.json = json;
        this.validator = validator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!StringUtils.hasText(file)) {
            return;
        }
        if (!directory.all().isEmpty()) {
            log.info("{} is ignored: the agency registry is not empty", PROPERTY);
            return;
        }
        List<Agency> agencies = read(Path.of(file.strip()));
        int added = directory.fillIfEmpty(agencies);
        log.info("Filled the empty agency registry with {} agencies from {}", added, file.strip());
    }

    /** The agencies of the file, each checked as {@code POST /api/v1/agencies} checks it. */
    List<Agency> read(Path path) {
        BootstrapFile parsed;
        try {
            parsed = json.readerFor(BootstrapFile.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readAllBytes(path));
        } catch (JsonProcessingException e) {
            throw refused(path, "it is not JSON of the shape {\"agencies\":[{\"id\",\"name\",\"type\"}]} ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw refused(path, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (parsed == null) {
            throw refused(path, "it is empty");
        }
        List<String> problems = new ArrayList<>(validator.validate(parsed).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(RegistryBootstrap::describe)
                .toList());
        if (problems.isEmpty()) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < parsed.agencies().size(); i++) {
                if (!ids.add(parsed.agencies().get(i).id())) {
                    problems.add("agencies[" + i + "].id: " + parsed.agencies().get(i).id() + " is named twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw refused(path, String.join("; ", problems));
        }
        return parsed.agencies().stream().map(NewAgencyRequest::toAgency).toList();
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }

    private static IllegalStateException refused(Path path, String why) {
        return new IllegalStateException(PROPERTY + " " + path + " is refused: " + why);
    }
}
