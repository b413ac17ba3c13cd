package org.moderation.bi.catalog.alert.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.ChangeRow;

@Entity
@Table(name = "alert_rule_changes")
@AttributeOverride(name = "key", column = @Column(name = "rule_key", nullable = false))
public class AlertRuleChangeEntity extends ChangeRow {
}
