package jp.kasane.api.config.axon;

import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.calendar.BusinessCalendar;
import jp.kasane.core.meeting.MeetingRules;
import jp.kasane.core.supportcase.CaseRules;
import jp.kasane.core.supportcase.DisclosurePolicy;
import jp.kasane.core.supportcase.IssueCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The domain's collaborators and the city's settings (docs/configuration.md). */
@Configuration(proxyBeanMethods = false)
public class CaseRulesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BusinessCalendar businessCalendar() {
        return new BusinessCalendar();
    }

    @Bean
    DisclosurePolicy disclosurePolicy() {
        return new DisclosurePolicy();
    }

    @Bean
    IssueCatalog issueCatalog() {
        return IssueCatalog.standard();
    }

    @Bean
    MeetingRules meetingRules(AgencyDirectory agencies, Clock clock) {
        return new MeetingRules(agencies, clock);
    }

    @Bean
    CaseRules caseRules(AgencyDirectory agencies, Clock clock, BusinessCalendar calendar, DisclosurePolicy policy,
                        IssueCatalog issueCatalog, @Value("${kasane.referrals.answer-within-business-days:5}") int answerDays,
                        @Value("${kasane.meetings.support-meeting-access-after:P14D}") Duration accessAfter) {
        if (answerDays < 1 || answerDays > 60) {
            throw new IllegalStateException("kasane.referrals.answer-within-business-days must be 1..60, was " + answerDays);
        }
        return new CaseRules(agencies, clock, calendar, answerDays, accessAfter, policy, issueCatalog);
    }
}
