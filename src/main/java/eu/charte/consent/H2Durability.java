package eu.charte.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * On the embedded H2 database, makes every commit reach the file before the commit returns
 * ({@code SET WRITE_DELAY 0}; H2 otherwise writes committed changes up to half a second later), so that a 201 of
 * the ledger survives {@code kill -9} of the process. PostgreSQL commits durably by itself; nothing is done there.
 */
@Component
class H2Durability implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

    private final DataSource dataSource;

    H2Durability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
        } catch (SQLException e) {
            log.warn("Could not make H2 write commits at once: {}", e.toString());
        }
    }
}
