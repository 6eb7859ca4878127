package dev.ideaforge.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples of one measurement, in milliseconds. */
final class Stats {

  final String name;
  private final List<Double> samples = Collections.synchronizedList(new ArrayList<>());

  Stats(String name) {
    this.name = name;
  }

  void addNanos(long nanos) {
    samples.add(nanos / 1e6);
  }

  void addMillis(double millis) {
    samples.add(millis);
  }

  int count() {
    return samples.size();
  }

  double percentile(double p) {
    List<Double> sorted;
    synchronized (samples) {
      sorted = new ArrayList<>(samples);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  double max() {
    return percentile(100);
  }

  double mean() {
    synchronized (samples) {
      return samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }
}
