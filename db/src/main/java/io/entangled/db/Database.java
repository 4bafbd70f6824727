package io.entangled.db;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC handles every repository shares: one {@link DataSource} (HikariCP in the service), a
 * {@link JdbcClient} for statements and a {@link TransactionTemplate} so that each multi-row state
 * change commits or rolls back as one.
 */
public final class Database {
  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate tx;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.template = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return jdbc;
  }

  JdbcTemplate template() {
    return template;
  }

  public TransactionTemplate tx() {
    return tx;
  }
}
