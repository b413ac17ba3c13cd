package org.moderation.bi.catalog.metric.persistence;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.VersionRow;

@Entity
@Table(name = "metric_versions")
@AssociationOverride(name = "entry", joinColumns = @JoinColumn(name = "metric_id"))
public class MetricVersionEntity extends VersionRow<MetricEntity> {
}
