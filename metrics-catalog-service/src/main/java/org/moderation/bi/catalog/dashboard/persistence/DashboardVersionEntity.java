package org.moderation.bi.catalog.dashboard.persistence;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.VersionRow;

@Entity
@Table(name = "dashboard_versions")
@AssociationOverride(name = "entry", joinColumns = @JoinColumn(name = "dashboard_id"))
public class DashboardVersionEntity extends VersionRow<DashboardEntity> {
}
