package jp.kasane.api.web.support;

import jp.kasane.core.rules.RuleViolation;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** ETag / If-Match for cases: the ETag is the case's version, quoted (API.md "Conventions"). */
public final class Versions {

    private Versions() {
    }

    /** The version an {@code If-Match} asks for; null when absent or {@code *}. */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw RuleViolation.invalid("INVALID_IF_MATCH", "If-Match", "must be a case version such as \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** A write's answer: {@code {caseId, version, ...}} with the ETag, 201 and a Location when something was created. */
    public static ResponseEntity<?> answer(String caseId, long version, URI created, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        more.forEach(body::put);
        body.put("version", version);
        ResponseEntity.BodyBuilder builder = created != null ? ResponseEntity.created(created) : ResponseEntity.ok();
        return builder.eTag(etag(version)).body(body);
    }
}
