package eu.charte.scanner;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Queues the scheduled scans that are due, every {@code charte.scanner.schedule-tick}, on the server only (never
 * while a command runs). Each due portal is claimed by moving its next date in the database, so that one node
 * queues it.
 */
@Component
@ConditionalOnWebApplication
class ScanScheduler implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ScanScheduler.class);

    private final ScanService scans;
    private final ScannerProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "charte-scan-schedule");
        t.setDaemon(true);
        return t;
    });

    ScanScheduler(ScanService scans, ScannerProperties properties) {
        this.scans = scans;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        long tick = properties.scheduleTick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            scans.runDue();
        } catch (RuntimeException e) {
            log.warn("Scheduled scans not checked: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
