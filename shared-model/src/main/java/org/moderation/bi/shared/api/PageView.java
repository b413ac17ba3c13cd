package org.moderation.bi.shared.api;

import java.util.List;

/** A page of a longer list, newest first unless an endpoint says otherwise. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
