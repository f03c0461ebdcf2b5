package dev.wsguard.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@code wsguard.*} property that wsguard's filter refuses: the description names the property, the value
 * and what is allowed (in the filter's own words) and where the property was set; the action says what to set.
 * Registered in {@code META-INF/spring.factories}.
 */
public class InvalidWsguardPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWsguardPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidWsguardPropertyException cause) {
        String action = "Set '" + cause.getProperty() + "' to a value wsguard accepts (" + cause.getAllowed()
                + "), or remove it to use wsguard's default.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
