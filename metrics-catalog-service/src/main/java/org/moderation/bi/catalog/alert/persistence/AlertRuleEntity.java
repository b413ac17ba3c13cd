package org.moderation.bi.catalog.alert.persistence;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.moderation.bi.catalog.versioning.persistence.EntryRow;

@Entity
@Table(name = "alert_rules")
@AttributeOverride(name = "key", column = @Column(name = "rule_key", nullable = false, unique = true))
public class AlertRuleEntity extends EntryRow {
}
