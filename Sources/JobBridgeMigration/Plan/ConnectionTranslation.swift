import JobBridge

/// The target's source and destination for a source job: mapped through the
/// ``ConnectionMapping``, checked against the target's connection list where it has one.
struct ConnectionTranslation {
    var source: ConnectionRef?
    var destination: ConnectionRef?
    var needs: [ConnectionNeed] = []
    var losses: [Loss] = []

    struct Context {
        var sourceTraits: MigrationTraits
        var targetTraits: MigrationTraits
        var mapping: ConnectionMapping
        var options: MigrationOptions
        /// `nil` when the provider lists none (free text).
        var sourceConnections: [ProviderConnection]?
        var targetConnections: [ProviderConnection]?
    }

    static func translate(_ job: Job, _ context: Context) -> ConnectionTranslation {
        var result = ConnectionTranslation()
        result.translateSource(job, context)
        result.translateDestination(job, context)
        return result
    }

    private static func find(_ text: String, in list: [ProviderConnection]) -> ProviderConnection? {
        list.first { $0.id.rawValue == text } ?? list.first { $0.name == text }
    }

    private static func find(_ ref: ConnectionRef, in list: [ProviderConnection]?) -> ProviderConnection? {
        guard let list else { return nil }
        if let id = ref.id, let found = list.first(where: { $0.id == id }) { return found }
        if let name = ref.name { return list.first { $0.name == name || $0.id.rawValue == name } }
        return nil
    }

    private static func keys(of ref: ConnectionRef) -> [String] {
        [ref.id?.rawValue, ref.name].compactMap { $0 }.filter { !$0.isEmpty }
    }

    private mutating func translateSource(_ job: Job, _ context: Context) {
        guard let ref = job.source else {
            if context.targetTraits.destination == .implied {
                losses.append(
                    Loss(
                        .connectionUnmapped, field: "source",
                        "the source job names no source connection and the target needs one"))
            }
            return
        }
        let sourceDriver = Self.find(ref, in: context.sourceConnections)?.driver
        guard let mapped = Self.keys(of: ref).lazy.compactMap({ context.mapping.connections[$0] }).first else {
            needs.append(
                ConnectionNeed(role: .source, source: ref, sourceDriver: sourceDriver, target: nil, status: .unmapped))
            losses.append(
                Loss(
                    .connectionUnmapped, field: "source",
                    "no mapping for the source connection '\(Self.keys(of: ref).first ?? "")'",
                    remedy: "add \"\(Self.keys(of: ref).first ?? "")\" to the mapping's connections"))
            return
        }
        var need = ConnectionNeed(role: .source, source: ref, sourceDriver: sourceDriver, target: nil, status: .mapped)
        if let list = context.targetConnections {
            guard let found = Self.find(mapped, in: list) else {
                need.status = .notFound
                needs.append(need)
                losses.append(
                    Loss(
                        .connectionNotFound, field: "source",
                        "the mapping names the target connection '\(mapped)', which the target does not list"))
                return
            }
            need.target = found.reference
            need.targetDriver = found.driver
        } else {
            need.target = ConnectionRef(name: mapped)
        }
        if let a = sourceDriver, let b = need.targetDriver, a.lowercased() != b.lowercased(),
            !context.options.allowTypeChange
        {
            need.status = .typeMismatch
            losses.append(
                Loss(
                    .connectionTypeMismatch, field: "source",
                    "the source connection is \(a) and the mapped target connection '\(mapped)' is \(b)"))
        }
        let driver = (need.targetDriver ?? sourceDriver)?.lowercased()
        if context.targetTraits.destination == .implied, let driver,
            context.targetTraits.cacheRefusedDrivers.contains(driver)
        {
            losses.append(
                Loss(
                    .sourceRelationalNoCache, field: "source",
                    "the source is a relational database (\(driver)), which the target cannot cache"))
        }
        needs.append(need)
        source = need.target
    }

    private mutating func translateDestination(_ job: Job, _ context: Context) {
        if context.targetTraits.destination == .implied {
            var need = ConnectionNeed(role: .destination, source: job.destination, target: nil, status: .implied)
            if let list = context.targetConnections {
                if let cache = list.first(where: \.isCache) {
                    need.target = cache.reference
                    need.targetDriver = cache.driver
                } else {
                    need.status = .noCache
                    losses.append(
                        Loss(
                            .connectNoCache, field: "destination",
                            "the target account has no cache connection, which every caching job writes to"))
                }
            }
            if context.sourceTraits.destination != .implied {
                losses.append(
                    Loss(
                        .destinationImplied, field: "destination",
                        "the target writes to its cache connection"
                            + (job.destination.map { ", not to '\($0)'" } ?? "")))
            }
            destination = need.target
            needs.append(need)
            return
        }
        var keys = job.destination.map(Self.keys(of:)) ?? []
        if context.sourceTraits.destination == .implied, let cache = context.mapping.cacheDestination {
            keys.append(cache)
        }
        guard !keys.isEmpty else { return }
        let mapped =
            keys.lazy.compactMap { context.mapping.connections[$0] }.first
            ?? (context.sourceTraits.destination == .implied ? context.mapping.cacheDestination : nil)
        let sourceDriver = job.destination.flatMap { Self.find($0, in: context.sourceConnections)?.driver }
        guard let mapped else {
            needs.append(
                ConnectionNeed(
                    role: .destination, source: job.destination, sourceDriver: sourceDriver, target: nil,
                    status: .unmapped))
            losses.append(
                Loss(
                    .connectionUnmapped, field: "destination",
                    "no mapping for the destination connection '\(keys.first ?? "")'",
                    remedy: "add \"\(keys.first ?? "")\" to the mapping's connections (or set cacheDestination)"))
            return
        }
        var need = ConnectionNeed(
            role: .destination, source: job.destination, sourceDriver: sourceDriver, target: nil, status: .mapped)
        if let list = context.targetConnections {
            guard let found = Self.find(mapped, in: list) else {
                need.status = .notFound
                needs.append(need)
                losses.append(
                    Loss(
                        .connectionNotFound, field: "destination",
                        "the mapping names the target connection '\(mapped)', which the target does not list"))
                return
            }
            need.target = found.reference
            need.targetDriver = found.driver
        } else {
            need.target = ConnectionRef(name: mapped)
        }
        if context.sourceTraits.destination != .implied, let a = sourceDriver, let b = need.targetDriver,
            a.lowercased() != b.lowercased(), !context.options.allowTypeChange
        {
            need.status = .typeMismatch
            losses.append(
                Loss(
                    .connectionTypeMismatch, field: "destination",
                    "the destination connection is \(a) and the mapped target connection '\(mapped)' is \(b)"))
        }
        needs.append(need)
        destination = need.target
    }
}
