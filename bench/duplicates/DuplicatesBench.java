package io.medloom.spark;

import io.medloom.store.Duplicates;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * bench/duplicates: times one duplicate pass over a folder of shard files, on the local engine
 * ({@link Duplicates#find}, one process) or on Spark ({@link SparkDuplicates}, local[N]). Lives in
 * the Spark package because the Spark pass is package-private; compiled onto the class path by
 * the run script. Prints: engine rows seconds cpu_seconds summary.
 */
public class DuplicatesBench {
  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args[0]);
    String engine = args[1];
    long rows;
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM read_parquet('" + samples.resolve("*.parquet") + "')")) {
      rs.next();
      rows = rs.getLong(1);
    }
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Duplicates.Report report;
    long t0;
    long c0;
    if (engine.equals("local")) {
      t0 = System.nanoTime();
      c0 = os.getProcessCpuTime();
      report = Duplicates.find(samples);
    } else {
      System.setProperty("log4j2.configurationFile", "classpath:medloom-spark-log4j2.properties");
      try (JavaSparkContext jsc =
          new JavaSparkContext(
              new SparkConf()
                  .setAppName("duplicates bench")
                  .setMaster(args.length > 2 ? args[2] : "local[2]")
                  .set("spark.ui.enabled", "false")
                  .set("spark.driver.bindAddress", "127.0.0.1")
                  .set("spark.driver.host", "127.0.0.1"))) {
        jsc.parallelize(java.util.List.of(1, 2)).count(); // context and executors up first
        t0 = System.nanoTime();
        c0 = os.getProcessCpuTime();
        report = new SparkDuplicates(jsc).find(samples);
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - c0) / 1e9;
    System.out.printf("%s %d %.1f %.1f %s%n", engine, rows, s, cpu, report.summary());
  }
}
