import JobBridge

extension TargetLookup {
    /// The target job among `jobs` (a target provider's listing), or `nil`.
    ///
    /// Jobs marked deleted in their native JSON (`is_deleted: true`, NX1) are skipped. The
    /// search is linear in the number of jobs; call it before every create (and on resume,
    /// to reconcile an intent without a result).
    public func find(in jobs: [Job]) -> Job? {
        jobs.first { job in
            guard job.providerData?["is_deleted"]?.boolValue != true else { return false }
            return matches(job)
        }
    }

    /// Whether one job is this lookup's target.
    public func matches(_ job: Job) -> Bool {
        switch strategy {
        case .settingsMember:
            guard let member, let object = job.settings[member] else { return false }
            return object["key"]?.stringValue == key.rawValue
        case .nameSuffix:
            return job.name.hasSuffix(nameSuffix ?? key.nameSuffix)
        case .naturalKey:
            guard let table, let connection = sourceConnection, let source = job.source else { return false }
            guard source.id?.rawValue == connection || source.name == connection else { return false }
            return job.tasks.contains { task in
                let read = task.table ?? task.query.flatMap(ReplicateStatement.table(in:))
                return read.map { $0.name == table.name && ($0.schema ?? "") == (table.schema ?? "") } ?? false
            }
        case .name:
            return name.map { job.name == $0 } ?? false
        }
    }
}
