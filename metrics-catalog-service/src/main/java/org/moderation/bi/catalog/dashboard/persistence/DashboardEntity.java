package org.moderation.bi.catalog.dashboard.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.EntryRow;

@Entity
@Table(name = "dashboards")
@AttributeOverride(name = "key", column = @Column(name = "dashboard_key", nullable = false, unique = true))
public class DashboardEntity extends EntryRow {
}
