import JobBridge

/// The target kind of a source kind: the mapping's job type, the same category, the target's
/// fallback kind (`KIND_CHANGED`), or none (`KIND_UNSUPPORTED`).
enum KindTranslation {
    static func translate(
        _ kind: JobKind, to target: MigrationTraits, mapping: ConnectionMapping, carried: KindSnapshot?
    ) -> (KindSnapshot?, [Loss]) {
        // A kind carried in a free slot by an earlier migration restores the original.
        if let carried, target.kinds.contains(carried.category) {
            return (sameCategory(carried.kind, target), [])
        }
        let mapped = kind.providerValue.flatMap { mapping.jobTypes[$0] } ?? mapping.jobTypes[kind.category.rawValue]
        if let mapped {
            let category =
                target.kindValues[mapped] ?? (target.kinds.contains(kind.category) ? kind.category : .other)
            let result = KindSnapshot(category: category, providerValue: mapped)
            if mapped == kind.providerValue { return (result, []) }
            return (
                result,
                [
                    Loss(
                        .kindChanged, field: "kind",
                        "\(kind) becomes \(mapped), as the mapping says; check that it does the same work")
                ]
            )
        }
        if target.kinds.contains(kind.category) {
            return (sameCategory(kind, target), [])
        }
        if let fallback = target.fallbackKind, target.fallbackKindFrom?.contains(kind.category) ?? true {
            return (
                KindSnapshot(fallback),
                [
                    Loss(
                        .kindChanged, field: "kind",
                        "\(kind) becomes \(fallback) on the target; review, or set the job type in the mapping",
                        content: kind.providerValue.map(JSONValue.string))
                ]
            )
        }
        return (
            nil,
            [
                Loss(
                    .kindUnsupported, field: "kind", "the target has no kind for \(kind) (\(kind.category))",
                    content: kind.providerValue.map(JSONValue.string))
            ]
        )
    }

    /// The target's kind of the same category: the source's provider value when the target
    /// knows it in that category, else the target's own value for the category.
    static func sameCategory(_ kind: JobKind, _ target: MigrationTraits) -> KindSnapshot {
        if let value = kind.providerValue, target.kindValues[value] == kind.category {
            return KindSnapshot(kind)
        }
        let value =
            target.fallbackKind?.category == kind.category
            ? target.fallbackKind?.providerValue
            : target.kindValues.filter { $0.value == kind.category }.keys.sorted().first
        return KindSnapshot(category: kind.category, providerValue: value)
    }
}
