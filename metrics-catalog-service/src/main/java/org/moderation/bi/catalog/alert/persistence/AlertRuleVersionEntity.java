package org.moderation.bi.catalog.alert.persistence;

import jakarta.persistence.AssociationOverride;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.VersionRow;

@Entity
@Table(name = "alert_rule_versions")
@AssociationOverride(name = "entry", joinColumns = @JoinColumn(name = "rule_id"))
public class AlertRuleVersionEntity extends VersionRow<AlertRuleEntity> {
}
