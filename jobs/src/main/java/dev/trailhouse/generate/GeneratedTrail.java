package dev.trailhouse.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the generator wrote, from its own model (not by reading the files back).
 *
 * @param eventsByDateSource distinct events per "yyyy-MM-dd,event_source", sorted
 * @param recordsWritten records in all event files, duplicates included
 * @param distinctEvents distinct eventIDs written
 */
public record GeneratedTrail(
    Path root,
    List<Path> eventFiles,
    List<Path> digestFiles,
    long recordsWritten,
    long distinctEvents,
    Map<String, Long> eventsByDateSource) {}
