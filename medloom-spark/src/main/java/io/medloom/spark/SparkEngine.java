package io.medloom.spark;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildEngine;
import java.util.Map;

/**
 * The {@code spark} build engine as {@link java.util.ServiceLoader} finds it. It names no Spark
 * type, so it loads on a class path without Spark (every command but {@code build --engine spark})
 * and says what is missing when asked to run there; the work is {@link SparkBuild}'s.
 */
public final class SparkEngine implements BuildEngine {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public DatasetInfo run(BuildConfig cfg, Map<String, String> options, Progress progress)
      throws Exception {
    try {
      Class.forName("org.apache.spark.SparkConf", false, SparkEngine.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "--engine spark needs Apache Spark on the class path: run it through ./medloom (which"
              + " adds Spark for --engine spark) or spark-submit",
          e);
    }
    return SparkBuild.run(cfg, options, progress);
  }
}
