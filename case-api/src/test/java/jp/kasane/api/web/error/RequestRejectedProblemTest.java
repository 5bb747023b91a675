package jp.kasane.api.web.error;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A header the firewall refuses only when Spring reads it, past {@code RequestRules} (none does today: those the
 * application reads are checked first, ContainerErrorsTest): the client's 400, not our 500, and without the value
 * the firewall's message quotes.
 */
class RequestRejectedProblemTest {

    @Test
    void a_header_refused_when_read_is_a_400_that_does_not_quote_its_value() {
        ResponseEntity<Object> answer = new ProblemHandler().requestRejected(new RequestRejectedException(
                "The request was rejected because the header: \"X-Name \" has a value \"阪南 花子\" that is not allowed."));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getProperties()).containsEntry("code", "MALFORMED_REQUEST");
        assertThat(problem.getDetail()).doesNotContain("阪南").doesNotContain("X-Name");
    }
}
