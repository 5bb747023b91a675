package jp.kasane.api.config.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Tomcat's own error answers (a request line or header it cannot parse, a header too large, a path it refuses) as
 * problem+json with a stable code, instead of its HTML page; these never reach Spring. Nothing of the request or the
 * server is echoed: no stack trace, no server name, no path.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 400 && headersTooLarge(throwable)) {
            status = 431;
            response.setStatus(status);
        }
        String code = switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "MALFORMED_REQUEST";
        };
        String title = switch (status) {
            case 431 -> "Request Header Fields Too Large";
            case 413 -> "Content Too Large";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        String body = "{\"type\":\"urn:kasane:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"The server could not read this request as HTTP it accepts\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (Exception e) {
            // The connection is already broken; there is no one left to answer.
        }
    }

    private static boolean headersTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("header") && m.toLowerCase(Locale.ROOT).contains("too large")) {
                return true;
            }
        }
        return false;
    }
}
