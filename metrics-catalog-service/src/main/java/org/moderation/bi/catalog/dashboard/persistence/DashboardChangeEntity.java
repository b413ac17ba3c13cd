package org.moderation.bi.catalog.dashboard.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.ChangeRow;

@Entity
@Table(name = "dashboard_changes")
@AttributeOverride(name = "key", column = @Column(name = "dashboard_key", nullable = false))
public class DashboardChangeEntity extends ChangeRow {
}
