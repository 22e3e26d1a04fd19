package io.medloom.spark;

import io.medloom.engine.BuildConfig;
import java.util.Optional;
import org.apache.spark.SparkConf;

/** The Spark configuration of a build: the master, and quiet loopback-only local runs. */
final class SparkContexts {
  private SparkContexts() {}

  static SparkConf conf(BuildConfig cfg, Optional<String> master) {
    boolean submitted = System.getProperty("spark.master") != null;
    boolean local = master.map(m -> m.startsWith("local")).orElse(!submitted);
    if (local && System.getProperty("log4j2.configurationFile") == null) {
      // Before the first Spark class logs: log4j2 reads its configuration once.
      System.setProperty("log4j2.configurationFile", "classpath:medloom-spark-log4j2.properties");
    }
    // new SparkConf() reads spark.* system properties, which is how spark-submit passes its master.
    SparkConf conf = new SparkConf().setAppName("medloom build " + cfg.out().getFileName());
    if (master.isPresent()) {
      conf.setMaster(master.get());
    } else if (!conf.contains("spark.master")) {
      // local[N,F]: N worker threads, and F attempts per task as on a cluster (plain local[N]
      // gives a task a single attempt).
      conf.setMaster("local[" + cfg.threads() + ",4]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.ui.showConsoleProgress", "false");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    return conf;
  }
}
