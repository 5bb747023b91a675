package jp.kasane.api.web.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import jp.kasane.core.rules.TextRules;

import java.io.IOException;

/**
 * Every string of every request body, checked as it is read ({@link TextRules}): an unpaired surrogate or a control
 * character (but tab, line feed, carriage return) is refused there, with the JSON path of the field, before anything
 * is recorded or sent to the database.
 */
public final class CleanText extends StdScalarDeserializer<String> {

    /** A string the rules refuse; its message says why, and Jackson adds the path. */
    public static final class Refused extends JsonMappingException {
        Refused(JsonParser p, String why) {
            super(p, why);
        }
    }

    public CleanText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = StringDeserializer.instance.deserialize(p, ctxt);
        if (text != null) {
            String problem = TextRules.problemOf(text);
            if (problem != null) {
                throw new Refused(p, problem);
            }
        }
        return text;
    }
}
