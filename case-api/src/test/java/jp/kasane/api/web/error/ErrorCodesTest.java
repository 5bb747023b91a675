package jp.kasane.api.web.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md "Codes" lists every {@code code} an error can answer: this test reads the codes the source can give
 * (each refusal of the domain and the application, each code our error writers put in a problem) and fails when one
 * is missing from the table, so a new code cannot reach partner agencies undocumented.
 */
class ErrorCodesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Where a code is given: a refusal (not INVALID: that becomes VALIDATION_FAILED, its code the rule), or a writer. */
    static final Pattern GIVEN = Pattern.compile(
            "RuleViolation\\.(?:conflict|forbidden)\\(\"([A-Z_]+)\""
                    + "|new RuleViolation\\((?:RuleViolation\\.)?Kind\\.(?:CONFLICT|FORBIDDEN|NOT_FOUND|STALE|UNPROCESSABLE),\\s*\"([A-Z_]+)\""
                    + "|HttpStatus\\.[A-Z_]+,\\s*\"([A-Z_]+)\""
                    + "|\\bCODE\\s*=\\s*\"([A-Z_]+)\"");
    /** The codes of the error writers' switches: status → code. */
    static final Pattern SWITCHED = Pattern.compile("case [A-Z_0-9, ]+ -> \"([A-Z_]+)\"|default -> [^;]*\"([A-Z_]+)\"");
    static final Set<String> WRITERS = Set.of("ProblemHandler.java", "ProblemErrorController.java",
            "ProblemErrorReportValve.java");

    @Test
    void every_code_the_source_can_answer_is_in_the_table() throws IOException {
        Set<String> documented = new TreeSet<>();
        String api = Files.readString(ROOT.resolve("docs/api.md"));
        String table = api.substring(api.indexOf("## Codes"), api.indexOf("## Headers"));
        Matcher row = Pattern.compile("`([A-Z_]+)`").matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }

        Set<String> given = new TreeSet<>();
        for (Path module : new Path[]{ROOT.resolve("case-core/src/main/java"), ROOT.resolve("case-api/src/main/java")}) {
            try (Stream<Path> files = Files.walk(module)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    collect(GIVEN.matcher(source), given);
                    if (WRITERS.contains(file.getFileName().toString())) {
                        collect(SWITCHED.matcher(source), given);
                    }
                }
            }
        }

        assertThat(given).as("codes the source gives").contains("NOT_FOUND", "CONSENT_REQUIRED", "INVALID_HEADER",
                "HEADERS_TOO_LARGE", "UNAUTHENTICATED", "VALIDATION_FAILED");
        assertThat(documented).as("docs/api.md \"Codes\"").containsAll(given);
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    into.add(m.group(g));
                }
            }
        }
    }
}
