package jp.kasane.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix: for every demo agency and every situation that could give (or take away) a legal basis for
 * disclosure, {@code GET /api/v1/cases/{id}} answers exactly the expected status, basis, categories and fields,
 * and writes exactly the expected line to the disclosure ledger (DOMAIN.md "Who may see a case", "Consent",
 * "Meetings"; docs/access-model.md explains the model this table pins down).
 *
 * <p>Every situation opens its own case: houkatsu-north records a first consultation (summary tagged
 * [NOTES], issues ISSUE_8050, MENTAL_HEALTH, DEBT) and a debt-counselling consultation tagged [NOTES, FINANCE],
 * then sets up one basis, mostly for jiritsu (生活困窮者自立相談支援機関). The case is set up once per situation
 * and read once per row.
 *
 * <h2>How to read {@link #MATRIX}</h2>
 * <ul>
 *   <li><b>status</b>: 200; 404 (no basis: exactly the answer for a case that does not exist); 403 (the role may
 *       not read cases at all: ANALYST, ADMIN).</li>
 *   <li><b>basis</b>, <b>categories</b>: the view's {@code access}; {@code ALL} is all six categories
 *       (BASIC, HEALTH, DISABILITY, FINANCE, CRIMINAL_RECORD, NOTES).</li>
 *   <li><b>ledger</b>: {@code kasane.CaseDisclosed} events the read appends to the case's stream: +1 for a read by
 *       any agency but the one that opened the case (with the same basis and categories), 0 for the opener's own
 *       reads and for refusals.</li>
 *   <li><b>fields present / absent</b>:
 *     <ul>
 *       <li>{@code names}: household members with name and birth date (BASIC)</li>
 *       <li>{@code lists}: consents, referrals, plan, meetings (BASIC)</li>
 *       <li>{@code notes}: assessments, monitoring notes, evaluations (NOTES)</li>
 *       <li>{@code summary}: the summary of the consultation tagged [NOTES]</li>
 *       <li>{@code finance-summary}: the summary of the consultation tagged [NOTES, FINANCE]</li>
 *       <li>{@code reasons}: referral reasons and answer reasons (NOTES); only where the case has a referral</li>
 *       <li>{@code 8050}, {@code MENTAL_HEALTH}, {@code DEBT}: the issue flag, in the case's and the consultations'
 *           issues (BASIC, HEALTH, FINANCE respectively)</li>
 *     </ul>
 *     An absent personal field is not only left out: its clear text appears nowhere in the answer.</li>
 * </ul>
 */
@KasaneIntegrationTest
class AccessMatrixTest {

    static final String MATRIX = """
            # situation                          | key                 | status | basis                     | categories                 | ledger | fields present                                                            | fields absent
            #
            # none: houkatsu-north opened the case; nobody else has a basis
            none                                 | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            none                                 | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            none                                 | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            none                                 | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            none                                 | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent BASIC: the person consents to jiritsu for BASIC
            consent BASIC                        | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC                        | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-jiritsu        | 200    | CONSENT                   | BASIC                      | +1     | names lists 8050                                                          | notes summary finance-summary MENTAL_HEALTH DEBT
            consent BASIC                        | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC                        | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent BASIC                        | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent BASIC+NOTES: to jiritsu
            consent BASIC+NOTES                  | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC+NOTES                  | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-jiritsu        | 200    | CONSENT                   | BASIC+NOTES                | +1     | names lists notes summary 8050                                            | finance-summary MENTAL_HEALTH DEBT
            consent BASIC+NOTES                  | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC+NOTES                  | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent BASIC+NOTES                  | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent BASIC+FINANCE+NOTES+HEALTH: to jiritsu (DISABILITY and CRIMINAL_RECORD left out)
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-jiritsu        | 200    | CONSENT                   | BASIC+FINANCE+NOTES+HEALTH | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent BASIC+FINANCE+NOTES+HEALTH   | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent FINANCE+NOTES without BASIC: to jiritsu; no names, but the debt counselling note
            consent FINANCE+NOTES without BASIC  | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent FINANCE+NOTES without BASIC  | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-jiritsu        | 200    | CONSENT                   | FINANCE+NOTES              | +1     | notes summary finance-summary DEBT                                        | names lists 8050 MENTAL_HEALTH
            consent FINANCE+NOTES without BASIC  | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent FINANCE+NOTES without BASIC  | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent FINANCE+NOTES without BASIC  | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent by agency type: to agencyTypes [LIVELIHOOD_CONSULTATION] (only jiritsu is one) for BASIC+FINANCE
            consent by agency type               | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent by agency type               | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-jiritsu        | 200    | CONSENT                   | BASIC+FINANCE              | +1     | names lists 8050 DEBT                                                     | notes summary finance-summary MENTAL_HEALTH
            consent by agency type               | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent by agency type               | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent by agency type               | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent by agency type, two agencies: to agencyTypes [COMMUNITY_GENERAL_SUPPORT_CENTER] for BASIC: houkatsu-south too; the opener keeps OWN_RECORD (more categories)
            consent by agency type, two agencies | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent by agency type, two agencies | demo-houkatsu-south | 200    | CONSENT                   | BASIC                      | +1     | names lists 8050                                                          | notes summary finance-summary MENTAL_HEALTH DEBT
            consent by agency type, two agencies | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent by agency type, two agencies | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent by agency type, two agencies | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent for another purpose: to jiritsu for BASIC+NOTES, purposes [PARTICIPATION_SUPPORT] only; the read's purpose is SUPPORT_COORDINATION
            consent for another purpose          | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent for another purpose          | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent for another purpose          | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent for another purpose          | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent expired: to jiritsu for BASIC+NOTES, validUntil today (Asia/Tokyo); read 2 days later
            consent expired                      | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent expired                      | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent expired                      | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent expired                      | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # consent withdrawn: to jiritsu for BASIC+NOTES, then withdrawn
            consent withdrawn                    | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent withdrawn                    | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            consent withdrawn                    | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            consent withdrawn                    | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral pending: consent BASIC to jiritsu; referral to jiritsu for BASIC, not answered
            referral pending                     | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral pending                     | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-jiritsu        | 200    | CONSENT                   | BASIC                      | +1     | names lists 8050                                                          | notes summary finance-summary reasons MENTAL_HEALTH DEBT
            referral pending                     | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral pending                     | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral pending                     | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral accepted: consent BASIC to jiritsu; referral for BASIC accepted (tie OWN_RECORD/CONSENT: OWN_RECORD)
            referral accepted                    | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted                    | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-jiritsu        | 200    | OWN_RECORD                | BASIC                      | +1     | names lists 8050                                                          | notes summary finance-summary reasons MENTAL_HEALTH DEBT
            referral accepted                    | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted                    | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral accepted                    | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral accepted, consent withdrawn: as above, then the consent is withdrawn: refused at once
            referral accepted, consent withdrawn | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted, consent withdrawn | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted, consent withdrawn | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral accepted, consent withdrawn | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral completed: consent BASIC+NOTES to jiritsu; referral for BASIC+NOTES accepted, then completed (tie: OWN_RECORD)
            referral completed                   | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral completed                   | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-jiritsu        | 200    | OWN_RECORD                | BASIC+NOTES                | +1     | names lists notes summary reasons 8050                                    | finance-summary MENTAL_HEALTH DEBT
            referral completed                   | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral completed                   | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral completed                   | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral declined: consent BASIC to jiritsu; jiritsu declines the referral; the consent still covers it
            referral declined                    | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral declined                    | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-jiritsu        | 200    | CONSENT                   | BASIC                      | +1     | names lists 8050                                                          | notes summary finance-summary reasons MENTAL_HEALTH DEBT
            referral declined                    | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral declined                    | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral declined                    | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # referral accepted, wider consent: consent BASIC+FINANCE+NOTES, referral for BASIC accepted: CONSENT covers more
            referral accepted, wider consent     | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted, wider consent     | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-jiritsu        | 200    | CONSENT                   | BASIC+FINANCE+NOTES        | +1     | names lists notes summary finance-summary reasons 8050 DEBT               | MENTAL_HEALTH
            referral accepted, wider consent     | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-coordinator    | 404    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary reasons 8050 MENTAL_HEALTH DEBT |
            referral accepted, wider consent     | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            referral accepted, wider consent     | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # plan role: escalated; consent BASIC+NOTES to jiritsu; 重層的支援会議 accepts and adopts a plan with a role for jiritsu
            plan role                            | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role                            | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            plan role                            | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            plan role                            | demo-jiritsu        | 200    | OWN_RECORD                | BASIC+NOTES                | +1     | names lists notes summary 8050                                            | finance-summary MENTAL_HEALTH DEBT
            plan role                            | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            plan role                            | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            plan role                            | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            plan role                            | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role                            | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role                            | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            plan role                            | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # plan role, consent withdrawn: as above, then the consent is withdrawn
            plan role, consent withdrawn         | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role, consent withdrawn         | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role, consent withdrawn         | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            plan role, consent withdrawn         | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            plan role, consent withdrawn         | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # escalated: houkatsu-north escalates to 多機関協働 (city-welfare)
            escalated                            | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            escalated                            | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            escalated                            | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            escalated                            | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            escalated                            | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            escalated                            | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # support meeting, not acknowledged: escalated; 支援会議 today with kodomo attending, no 守秘義務 acknowledgement
            support meeting, not acknowledged    | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, not acknowledged    | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, not acknowledged    | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, not acknowledged    | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            support meeting, not acknowledged    | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # support meeting, acknowledged: as above, kodomo acknowledges
            support meeting, acknowledged        | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, acknowledged        | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-kodomo         | 200    | SUPPORT_MEETING_ART_106_6 | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, acknowledged        | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, acknowledged        | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, acknowledged        | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            support meeting, acknowledged        | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # support meeting, 14 days later: acknowledged; read 14 days after heldOn (window: end of heldOn + 14 days)
            support meeting, 14 days later       | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, 14 days later       | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-kodomo         | 200    | SUPPORT_MEETING_ART_106_6 | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, 14 days later       | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, 14 days later       | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, 14 days later       | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            support meeting, 14 days later       | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # support meeting, window closed: acknowledged; read 16 days after heldOn
            support meeting, window closed       | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, window closed       | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-kodomo         | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, window closed       | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting, window closed       | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            support meeting, window closed       | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            #
            # support meeting and consent ALL: acknowledged, and consent for all six categories to kodomo (tie: CONSENT)
            support meeting and consent ALL      | demo-houkatsu-north | 200    | OWN_RECORD                | ALL                        | 0      | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting and consent ALL      | demo-houkatsu-south | 404    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-csw-north      | 404    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-jiritsu        | 404    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-kikan          | 404    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-kodomo         | 200    | CONSENT                   | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting and consent ALL      | demo-npo-ibasho     | 404    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-coordinator    | 200    | OWN_RECORD                | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting and consent ALL      | demo-auditor        | 200    | AUDIT                     | ALL                        | +1     | names lists notes summary finance-summary 8050 MENTAL_HEALTH DEBT         |
            support meeting and consent ALL      | demo-analyst        | 403    |                           |                            | 0      |                                                                           |
            support meeting and consent ALL      | demo-admin          | 403    |                           |                            | 0      |                                                                           |
            """;

    /** Every demo key of API.md, in the order each situation lists them. */
    static final Map<String, String> AGENCY_OF_KEY = orderedMap(
            "demo-houkatsu-north", "houkatsu-north",
            "demo-houkatsu-south", "houkatsu-south",
            "demo-csw-north", "csw-north",
            "demo-jiritsu", "jiritsu",
            "demo-kikan", "kikan",
            "demo-kodomo", "kodomo",
            "demo-npo-ibasho", "npo-ibasho",
            "demo-coordinator", "city-welfare",
            "demo-auditor", "audit-office",
            "demo-analyst", "planning",
            "demo-admin", "city-welfare");

    /** The situations of the matrix, each a setup below. */
    static final List<String> SITUATIONS = List.of(
            "none",
            "consent BASIC",
            "consent BASIC+NOTES",
            "consent BASIC+FINANCE+NOTES+HEALTH",
            "consent FINANCE+NOTES without BASIC",
            "consent by agency type",
            "consent by agency type, two agencies",
            "consent for another purpose",
            "consent expired",
            "consent withdrawn",
            "referral pending",
            "referral accepted",
            "referral accepted, consent withdrawn",
            "referral completed",
            "referral declined",
            "referral accepted, wider consent",
            "plan role",
            "plan role, consent withdrawn",
            "escalated",
            "support meeting, not acknowledged",
            "support meeting, acknowledged",
            "support meeting, 14 days later",
            "support meeting, window closed",
            "support meeting and consent ALL");

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final List<String> COORDINATION = List.of("SUPPORT_COORDINATION");
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final List<String> ALL = List.of("BASIC", "HEALTH", "DISABILITY", "FINANCE", "CRIMINAL_RECORD", "NOTES");
    /** Tokens every 200 row must place in "present" or "absent". */
    static final List<String> VIEW_TOKENS = List.of("names", "lists", "notes", "summary", "finance-summary",
            "8050", "MENTAL_HEALTH", "DEBT");
    static final Set<String> ALL_TOKENS = new LinkedHashSet<>(concat(VIEW_TOKENS, List.of("reasons")));

    static final String NAME_SELF = "阪南 花子";
    static final String NAME_CHILD = "阪南 一郎";
    static final String BIRTH_SELF = "1944-05-01";
    static final String BIRTH_CHILD = "1974-09-12";
    static final String SUMMARY = "80代の母と50代の息子の二人暮らし。息子は長年ひきこもりで精神科の受診歴あり。母の介護相談で来所。";
    static final String FINANCE_SUMMARY = "家計相談: 消費者金融3社から借入、毎月の返済が母の年金を上回る。";
    static final String REFERRAL_REASON = "家計改善支援のため自立相談支援機関へつなぐ。";
    static final String DECLINE_REASON = "今月は受け入れ枠がないため。";

    /** A situation as set up: its case, and how long after the setup the rows read it (the test clock is moved). */
    record Fixture(String caseId, String selfId, Duration readLater) {
        Fixture later(Duration d) {
            return new Fixture(caseId, selfId, d);
        }
    }

    /** One case per situation, shared by that situation's rows (the rows of one situation run one after another). */
    private static final Map<String, Fixture> FIXTURES = new HashMap<>();

    @Autowired
    Api api;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- the matrix --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} | {1} → {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = MATRIX)
    void the_case_read_gives_exactly_the_expected_answer(String situation, String key, int status, String basis,
                                                        String categories, String ledger, String present, String absent) {
        Fixture f = FIXTURES.get(situation);
        if (f == null) {
            f = setUp(situation);
            FIXTURES.put(situation, f);
        }
        int ledgerBefore = disclosures(f.caseId());
        if (!f.readLater().isZero()) {
            clock.advance(f.readLater());
        }
        Response r = api.get(key, "/api/v1/cases/" + f.caseId());
        int appended = disclosures(f.caseId()) - ledgerBefore;

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.status()).as("status (answer: %s)", r.body()).isEqualTo(status);
        soft.assertThat(appended).as("kasane.CaseDisclosed events appended by the read").isEqualTo(Integer.parseInt(ledger));
        if (status == 200 && r.status() == 200) {
            checkView(soft, f, r.body(), basis, categories(categories), tokens(present), tokens(absent));
            checkCategoryRules(soft, r.body());
            if (appended == 1) {
                checkLedgerLine(soft, f, AGENCY_OF_KEY.get(key), basis, categories(categories));
            }
        } else if (status == 404 && r.status() == 404) {
            Response missing = api.get(key, "/api/v1/cases/00000000-0000-0000-0000-000000000000");
            soft.assertThat(r.bodyWithoutInstance()).as("a refused read is the answer for a missing case")
                    .isEqualTo(missing.bodyWithoutInstance());
            soft.assertThat(r.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
            soft.assertThat(r.bodyWithoutInstance().toString()).as("the refusal says nothing of the case beyond the path asked")
                    .doesNotContain(f.caseId()).doesNotContain("阪南");
        } else if (status == 403 && r.status() == 403) {
            Response missing = api.get(key, "/api/v1/cases/00000000-0000-0000-0000-000000000000");
            soft.assertThat(r.code()).isEqualTo("FORBIDDEN");
            soft.assertThat(r.bodyWithoutInstance()).as("the role is refused before the case is looked at")
                    .isEqualTo(missing.bodyWithoutInstance());
        }
        soft.assertAll();
    }

    /** The table itself: complete, and consistent with the category rules of the view (so a reviewer need not check). */
    @Test
    void the_matrix_covers_every_situation_for_every_demo_key_and_follows_the_category_rules() {
        List<String[]> rows = MATRIX.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> Arrays.stream(l.split("\\|", -1)).map(String::strip).toArray(String[]::new)).toList();
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(8));
        assertThat(rows).hasSize(SITUATIONS.size() * AGENCY_OF_KEY.size());
        for (String situation : SITUATIONS) {
            assertThat(rows.stream().filter(row -> row[0].equals(situation)).map(row -> row[1]).toList())
                    .as("keys of situation %s", situation).containsExactlyElementsOf(AGENCY_OF_KEY.keySet());
        }
        assertThat(rows.stream().map(row -> row[0]).distinct().toList()).containsExactlyElementsOf(SITUATIONS);

        SoftAssertions soft = new SoftAssertions();
        for (String[] row : rows) {
            String id = row[0] + " | " + row[1];
            String key = row[1];
            int status = Integer.parseInt(row[2]);
            Set<String> cats = categories(row[4]);
            Set<String> present = tokens(row[6]);
            Set<String> absent = tokens(row[7]);
            if (key.equals(OPENER)) {
                soft.assertThat(List.of(row[2], row[3], row[4], row[5])).as(id).containsExactly("200", "OWN_RECORD", "ALL", "0");
            } else if (key.equals("demo-auditor")) {
                soft.assertThat(List.of(row[2], row[3], row[4], row[5])).as(id).containsExactly("200", "AUDIT", "ALL", "+1");
            } else if (key.equals("demo-analyst") || key.equals("demo-admin")) {
                soft.assertThat(row[2]).as(id).isEqualTo("403");
            }
            if (status != 200) {
                soft.assertThat(List.of(row[3], row[4], row[5], row[6], row[7])).as(id).containsExactly("", "", "0", "", "");
                continue;
            }
            soft.assertThat(row[5]).as(id + ": ledger").isEqualTo(key.equals(OPENER) ? "0" : "+1");
            soft.assertThat(cats).as(id + ": categories").isNotEmpty().isSubsetOf(ALL);
            soft.assertThat(concat(present, absent)).as(id + ": fields").doesNotHaveDuplicates().isSubsetOf(ALL_TOKENS)
                    .containsAll(VIEW_TOKENS);
            Map<String, Boolean> rule = new LinkedHashMap<>();
            rule.put("names", cats.contains("BASIC"));
            rule.put("lists", cats.contains("BASIC"));
            rule.put("notes", cats.contains("NOTES"));
            rule.put("summary", cats.contains("NOTES"));
            rule.put("finance-summary", cats.contains("NOTES") && cats.contains("FINANCE"));
            rule.put("reasons", cats.contains("NOTES"));
            rule.put("8050", cats.contains("BASIC"));
            rule.put("MENTAL_HEALTH", cats.contains("HEALTH"));
            rule.put("DEBT", cats.contains("FINANCE"));
            rule.forEach((token, shown) -> {
                if (present.contains(token) || absent.contains(token)) {
                    soft.assertThat(present.contains(token)).as("%s: %s shown iff its categories are covered", id, token)
                            .isEqualTo(shown);
                }
            });
        }
        soft.assertAll();
    }

    // ---- the situations ----------------------------------------------------------------------------------------

    private Fixture setUp(String situation) {
        Fixture f = openCase();
        switch (situation) {
            case "none" -> {
            }
            case "consent BASIC" -> consent(f, "jiritsu", "BASIC");
            case "consent BASIC+NOTES" -> consent(f, "jiritsu", "BASIC+NOTES");
            case "consent BASIC+FINANCE+NOTES+HEALTH" -> consent(f, "jiritsu", "BASIC+FINANCE+NOTES+HEALTH");
            case "consent FINANCE+NOTES without BASIC" -> consent(f, "jiritsu", "FINANCE+NOTES");
            case "consent by agency type" ->
                    consent(f, List.of(), List.of("LIVELIHOOD_CONSULTATION"), COORDINATION, "BASIC+FINANCE", nextYear());
            case "consent by agency type, two agencies" ->
                    consent(f, List.of(), List.of("COMMUNITY_GENERAL_SUPPORT_CENTER"), COORDINATION, "BASIC", nextYear());
            case "consent for another purpose" ->
                    consent(f, List.of("jiritsu"), List.of(), List.of("PARTICIPATION_SUPPORT"), "BASIC+NOTES", nextYear());
            case "consent expired" -> {
                consent(f, List.of("jiritsu"), List.of(), COORDINATION, "BASIC+NOTES", today());
                return f.later(Duration.ofDays(2));
            }
            case "consent withdrawn" -> withdraw(f, consent(f, "jiritsu", "BASIC+NOTES"));
            case "referral pending" -> {
                consent(f, "jiritsu", "BASIC");
                refer(f, "jiritsu", "BASIC");
            }
            case "referral accepted" -> {
                consent(f, "jiritsu", "BASIC");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
            }
            case "referral accepted, consent withdrawn" -> {
                String consentId = consent(f, "jiritsu", "BASIC");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
                withdraw(f, consentId);
            }
            case "referral completed" -> {
                consent(f, "jiritsu", "BASIC+NOTES");
                String referralId = refer(f, "jiritsu", "BASIC+NOTES");
                accept(f, referralId, "demo-jiritsu");
                ok(api.post("demo-jiritsu", path(f, "/referrals/" + referralId + "/completion"), null));
            }
            case "referral declined" -> {
                consent(f, "jiritsu", "BASIC");
                String referralId = refer(f, "jiritsu", "BASIC");
                ok(api.post("demo-jiritsu", path(f, "/referrals/" + referralId + "/decline"), Map.of("reason", DECLINE_REASON)));
            }
            case "referral accepted, wider consent" -> {
                consent(f, "jiritsu", "BASIC+FINANCE+NOTES");
                accept(f, refer(f, "jiritsu", "BASIC"), "demo-jiritsu");
            }
            case "plan role" -> {
                escalate(f);
                consent(f, "jiritsu", "BASIC+NOTES");
                planWithRoleFor(f, "jiritsu");
            }
            case "plan role, consent withdrawn" -> {
                escalate(f);
                String consentId = consent(f, "jiritsu", "BASIC+NOTES");
                planWithRoleFor(f, "jiritsu");
                withdraw(f, consentId);
            }
            case "escalated" -> escalate(f);
            case "support meeting, not acknowledged" -> {
                escalate(f);
                supportMeeting(f, "kodomo");
            }
            case "support meeting, acknowledged" -> {
                escalate(f);
                acknowledge(supportMeeting(f, "kodomo"), "demo-kodomo", "kodomo");
            }
            case "support meeting, 14 days later" -> {
                escalate(f);
                acknowledge(supportMeeting(f, "kodomo"), "demo-kodomo", "kodomo");
                return f.later(Duration.ofDays(14));
            }
            case "support meeting, window closed" -> {
                escalate(f);
                acknowledge(supportMeeting(f, "kodomo"), "demo-kodomo", "kodomo");
                return f.later(Duration.ofDays(16));
            }
            case "support meeting and consent ALL" -> {
                escalate(f);
                consent(f, "kodomo", String.join("+", ALL));
                acknowledge(supportMeeting(f, "kodomo"), "demo-kodomo", "kodomo");
            }
            default -> throw new IllegalArgumentException("No setup for situation " + situation);
        }
        return f;
    }

    /** houkatsu-north opens the case and records a debt-counselling consultation tagged [NOTES, FINANCE]. */
    private Fixture openCase() {
        Api.OpenedCase c = api.open(OPENER, SUMMARY, List.of("ISSUE_8050", "MENTAL_HEALTH", "DEBT"),
                List.of(member(NAME_SELF, BIRTH_SELF, "SELF"), member(NAME_CHILD, BIRTH_CHILD, "CHILD")));
        ok(api.post(OPENER, "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE", "summary", FINANCE_SUMMARY,
                "issues", List.of("DEBT"), "categories", List.of("NOTES", "FINANCE"))));
        return new Fixture(c.caseId(), c.self(), Duration.ZERO);
    }

    private String consent(Fixture f, String agencyId, String categories) {
        return consent(f, List.of(agencyId), List.of(), COORDINATION, categories, nextYear());
    }

    private String consent(Fixture f, List<String> agencyIds, List<String> agencyTypes, List<String> purposes,
                           String categories, LocalDate validUntil) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenBy", Map.of("personId", f.selfId(), "capacity", "SELF"));
        body.put("agencyIds", agencyIds);
        body.put("agencyTypes", agencyTypes);
        body.put("purposes", purposes);
        body.put("categories", List.copyOf(categories(categories)));
        body.put("validUntil", validUntil.toString());
        return ok(api.post(OPENER, path(f, "/consents"), body)).text("consentId");
    }

    private void withdraw(Fixture f, String consentId) {
        ok(api.post(OPENER, path(f, "/consents/" + consentId + "/withdrawal"), Map.of("reason", "本人の申し出")));
    }

    private String refer(Fixture f, String toAgencyId, String categories) {
        return ok(api.post(OPENER, path(f, "/referrals"), Map.of("toAgencyId", toAgencyId, "reason", REFERRAL_REASON,
                "basis", "CONSENT", "categories", List.copyOf(categories(categories))))).text("referralId");
    }

    private void accept(Fixture f, String referralId, String receiverKey) {
        ok(api.post(receiverKey, path(f, "/referrals/" + referralId + "/acceptance"), null));
    }

    private void escalate(Fixture f) {
        ok(api.post(OPENER, path(f, "/escalation"), Map.of("reason", "複合課題のため多機関協働へ")));
    }

    /** A 支援会議 (Art. 106-6) today, convened by the coordinator, with the case on the agenda. */
    private String supportMeeting(Fixture f, String attendee) {
        return ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING", "heldOn", today().toString(),
                "attendees", List.of(Map.of("agencyId", attendee)), "caseIds", List.of(f.caseId())))).text("meetingId");
    }

    private void acknowledge(String meetingId, String key, String agencyId) {
        ok(api.post(key, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements", Map.of("agencyId", agencyId)));
    }

    /** A 重層的支援会議 accepts the case for support and adopts a plan giving {@code agencyId} a role. */
    private void planWithRoleFor(Fixture f, String agencyId) {
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "MULTILAYER_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", agencyId)),
                "caseIds", List.of(f.caseId())))).text("meetingId");
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", f.caseId(),
                "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"), Map.of("type", "ADOPT_PLAN",
                        "goals", List.of("家計の立て直し"), "roles", List.of(Map.of("agencyId", agencyId, "task", "家計改善支援")),
                        "leadAgencyId", "city-welfare", "reviewOn", today().plusMonths(3).toString())))));
    }

    // ---- what a row checks -------------------------------------------------------------------------------------

    private void checkView(SoftAssertions soft, Fixture f, JsonNode v, String basis, Set<String> categories,
                           Set<String> present, Set<String> absent) {
        soft.assertThat(fieldNames(v)).as("always in the view")
                .contains("caseId", "version", "phase", "access", "issues", "consultations");
        soft.assertThat(v.path("caseId").asText()).isEqualTo(f.caseId());
        soft.assertThat(v.path("access").path("basis").asText()).as("access.basis").isEqualTo(basis);
        soft.assertThat(texts(v.path("access").path("categories"))).as("access.categories").isEqualTo(categories);
        soft.assertThat(v.path("consultations").size()).as("consultations (metadata always)").isEqualTo(2);
        soft.assertThat(texts(v.path("consultations").path(1).path("categories")))
                .as("the debt consultation's categories").isEqualTo(Set.of("NOTES", "FINANCE"));
        String text = v.toString();
        for (String token : present) {
            switch (token) {
                case "names" -> {
                    JsonNode members = v.path("household").path("members");
                    soft.assertThat(members.findValuesAsText("name")).as("names").containsExactly(NAME_SELF, NAME_CHILD);
                    soft.assertThat(members.findValuesAsText("birthDate")).as("birth dates").containsExactly(BIRTH_SELF, BIRTH_CHILD);
                }
                case "lists" -> soft.assertThat(fieldNames(v)).as("lists").contains("consents", "referrals", "plan", "meetings");
                case "notes" -> soft.assertThat(fieldNames(v)).as("notes").contains("notes");
                case "summary" -> soft.assertThat(v.path("consultations").path(0).path("summary").asText())
                        .as("summary").isEqualTo(SUMMARY);
                case "finance-summary" -> soft.assertThat(v.path("consultations").path(1).path("summary").asText())
                        .as("finance-summary").isEqualTo(FINANCE_SUMMARY);
                case "reasons" -> {
                    soft.assertThat(v.path("referrals").findValuesAsText("reason")).as("reasons")
                            .isNotEmpty().containsOnly(REFERRAL_REASON);
                    for (JsonNode referral : v.path("referrals")) {
                        if (referral.path("status").asText().equals("DECLINED")) {
                            soft.assertThat(referral.path("answerReason").asText()).as("decline reason").isEqualTo(DECLINE_REASON);
                        }
                    }
                }
                default -> soft.assertThat(texts(v.path("issues"))).as("issues").contains(issue(token));
            }
        }
        for (String token : absent) {
            switch (token) {
                case "names" -> {
                    soft.assertThat(fieldNames(v)).as("household left out").doesNotContain("household");
                    soft.assertThat(text).as("no name or birth date anywhere")
                            .doesNotContain(NAME_SELF).doesNotContain(NAME_CHILD).doesNotContain(BIRTH_SELF).doesNotContain(BIRTH_CHILD);
                }
                case "lists" -> soft.assertThat(fieldNames(v)).as("lists left out")
                        .doesNotContain("consents", "referrals", "plan", "meetings");
                case "notes" -> soft.assertThat(fieldNames(v)).as("notes left out").doesNotContain("notes");
                case "summary" -> {
                    soft.assertThat(fieldNames(v.path("consultations").path(0))).as("summary left out").doesNotContain("summary");
                    soft.assertThat(text).as("summary nowhere").doesNotContain(SUMMARY);
                }
                case "finance-summary" -> {
                    soft.assertThat(fieldNames(v.path("consultations").path(1))).as("finance-summary left out").doesNotContain("summary");
                    soft.assertThat(text).as("finance-summary nowhere").doesNotContain(FINANCE_SUMMARY);
                }
                case "reasons" -> {
                    for (JsonNode referral : v.path("referrals")) {
                        soft.assertThat(fieldNames(referral)).as("referral reasons left out").doesNotContain("reason", "answerReason");
                    }
                    soft.assertThat(text).as("reasons nowhere").doesNotContain(REFERRAL_REASON).doesNotContain(DECLINE_REASON);
                }
                default -> {
                    soft.assertThat(texts(v.path("issues"))).as("issues").doesNotContain(issue(token));
                    for (JsonNode k : v.path("consultations")) {
                        soft.assertThat(texts(k.path("issues"))).as("consultation issues").doesNotContain(issue(token));
                    }
                }
            }
        }
    }

    /** Whatever the table says, a view follows the category rules for its own access.categories. */
    private void checkCategoryRules(SoftAssertions soft, JsonNode v) {
        Set<String> cats = texts(v.path("access").path("categories"));
        soft.assertThat(v.has("household")).as("household iff BASIC").isEqualTo(cats.contains("BASIC"));
        soft.assertThat(v.has("notes")).as("notes iff NOTES").isEqualTo(cats.contains("NOTES"));
        soft.assertThat(v.path("consultations").path(1).has("summary")).as("finance summary iff FINANCE and NOTES")
                .isEqualTo(cats.contains("FINANCE") && cats.contains("NOTES"));
        soft.assertThat(texts(v.path("issues")).contains("MENTAL_HEALTH")).as("MENTAL_HEALTH iff HEALTH").isEqualTo(cats.contains("HEALTH"));
        soft.assertThat(texts(v.path("issues")).contains("DEBT")).as("DEBT iff FINANCE").isEqualTo(cats.contains("FINANCE"));
    }

    /** The line the read wrote to the ledger names the reader's agency, the basis and the categories it saw. */
    private void checkLedgerLine(SoftAssertions soft, Fixture f, String agencyId, String basis, Set<String> categories) {
        byte[] raw = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = 'kasane.CaseDisclosed' ORDER BY sequencenumber DESC LIMIT 1", byte[].class, f.caseId());
        try {
            JsonNode line = Api.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
            soft.assertThat(line.path("agencyId").asText()).as("ledger agencyId").isEqualTo(agencyId);
            soft.assertThat(line.path("basis").asText()).as("ledger basis").isEqualTo(basis);
            soft.assertThat(texts(line.path("categories"))).as("ledger categories").isEqualTo(categories);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int disclosures(String caseId) {
        return (int) api.eventTypes(caseId).stream().filter("kasane.CaseDisclosed"::equals).count();
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("setup step answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private static String path(Fixture f, String rest) {
        return "/api/v1/cases/" + f.caseId() + rest;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }

    private LocalDate nextYear() {
        return today().plusYears(1);
    }

    private static String issue(String token) {
        return token.equals("8050") ? "ISSUE_8050" : token;
    }

    static Set<String> categories(String cell) {
        if (cell == null || cell.isBlank()) {
            return Set.of();
        }
        return cell.strip().equals("ALL") ? new TreeSet<>(ALL) : new TreeSet<>(Arrays.asList(cell.strip().split("\\+")));
    }

    static Set<String> tokens(String cell) {
        if (cell == null || cell.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(cell.strip().split("\\s+")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T> List<T> concat(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
