package dev.trailhouse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Peak heap used during a phase: the JVM's own per-pool peaks, reset at the start of each phase. */
final class HeapSampler {
  private HeapSampler() {}

  static void reset() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset, in bytes (an upper bound of the true peak). */
  static long peak() {
    long total = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        total += p.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  static long max() {
    return Runtime.getRuntime().maxMemory();
  }
}
