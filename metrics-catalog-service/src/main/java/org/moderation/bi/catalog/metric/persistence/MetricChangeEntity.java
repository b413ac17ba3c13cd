package org.moderation.bi.catalog.metric.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.ChangeRow;

@Entity
@Table(name = "metric_changes")
@AttributeOverride(name = "key", column = @Column(name = "metric_key", nullable = false))
public class MetricChangeEntity extends ChangeRow {
}
