package org.moderation.bi.catalog.metric.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.EntryRow;

@Entity
@Table(name = "metrics")
@AttributeOverride(name = "key", column = @Column(name = "metric_key", nullable = false, unique = true))
public class MetricEntity extends EntryRow {
}
