package eu.charte.consent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The metrics of the consent POST. It is a node's busiest request (every visitor's every decision), so it is left
 * out of Spring's generic request observation ({@code http.server.requests}: its per-request tag building and meter
 * look-up were about 6 % of the node's CPU under the ingestion benchmark) and timed here instead: the timer
 * {@code charte.consents}, tagged with the answer's status (201, 200, 400, 409, 503, ...).
 */
@Configuration(proxyBeanMethods = false)
class ConsentMetrics {

    static final String TIMER = "charte.consents";

    private final MeterRegistry registry;
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    ConsentMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** No {@code http.server.requests} observation for the requests {@link ConsentEndpoint} answers. */
    @Bean
    static ObservationPredicate consentRequestsTimedByTheirOwnTimer() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && ConsentEndpoint.answers(request.getCarrier()));
    }

    /** Records one answered consent request (or preflight). */
    void record(int status, long nanos) {
        timers.computeIfAbsent(status, s -> Timer.builder(TIMER)
                .description("Consent decisions and their preflights answered, by status")
                .tag("status", String.valueOf(s)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
