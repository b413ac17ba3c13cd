package org.moderation.bi.migrator.legacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.SimplePassword;

/**
 * Where the legacy datasource connects, taken from that datasource's own configuration so that the stream always
 * reads the database the loads read (never a second URL that could name another one): its JDBC URL parsed by the
 * PostgreSQL driver, and its user and password.
 */
public record LegacyConnectionSettings(String jdbcUrl, String host, int port, String database, String user,
        String password, Map<String, String> ssl) {

    /** The driver's SSL parameters, passed on to the replication connection as they are. */
    private static final String[] SSL_PARAMETERS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword"};

    public static LegacyConnectionSettings of(AgroalDataSource legacy) {
        AgroalConnectionFactoryConfiguration factory = legacy.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        String url = factory.jdbcUrl();
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalStateException("the legacy datasource's URL is not a PostgreSQL JDBC URL");
        }
        String host = parsed.getProperty("PGHOST");
        if (host.contains(",")) {
            throw new IllegalStateException("the legacy datasource's URL names several hosts (" + host + "); a "
                    + "replication slot lives on one server: name the primary only");
        }
        var ssl = new TreeMap<String, String>();
        for (String parameter : SSL_PARAMETERS) {
            String value = parsed.getProperty(parameter, factory.jdbcProperties().getProperty(parameter));
            if (value != null) {
                ssl.put(parameter, value);
            }
        }
        String password = factory.credentials().stream().filter(SimplePassword.class::isInstance)
                .map(c -> ((SimplePassword) c).getWord()).findFirst()
                .orElse(parsed.getProperty("password", ""));
        String user = factory.principal() != null ? factory.principal().getName() : parsed.getProperty("user");
        return new LegacyConnectionSettings(url, host, Integer.parseInt(parsed.getProperty("PGPORT")),
                parsed.getProperty("PGDBNAME"), user, password, Map.copyOf(ssl));
    }

    /**
     * A connection of its own, outside the read-only pool, for what a pooled legacy connection refuses to do (the
     * publication's DDL): the migrator writes no legacy data through it.
     */
    public Connection connect() throws SQLException {
        var properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "moderation-migrator");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** For messages an operator acts on: never the password. */
    public String describe() {
        return "'" + database + "' on " + host + ":" + port + " as " + user;
    }

    /** A record's own text would show the password. */
    @Override
    public String toString() {
        return describe();
    }
}
