/// Validation of input, written once for every provider and run before any request is
/// sent. Each failure is ``JobBridgeError/Code/invalidDefinition`` with the field's path.
///
/// A ``Schedule/unreadable(_:)`` schedule (read from a provider, say a job copied with
/// ``Job/definition``) is always refused at `schedule`, whatever the descriptor accepts.
extension JobDefinition {
    /// Checks the definition against the core rules and the provider's descriptor.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the first bad field.
    public func validate(for descriptor: ProviderDescriptor) throws {
        let check = Validator(provider: descriptor.name, operation: .createJob)
        try check.name(name, descriptor: descriptor)
        try check.connection(source, field: "source")
        try check.connection(destination, field: "destination")
        try check.schedule(schedule, descriptor: descriptor)
        for (index, task) in tasks.enumerated() {
            try task.validate(field: "tasks[\(index)]", check: check)
        }
        for key in settings.keys where key.isEmpty {
            throw check.failure("settings", "a setting has an empty name")
        }
    }
}

extension JobUpdate {
    /// Checks the change against the core rules and the provider's descriptor.
    ///
    /// - Throws: ``JobBridgeError/Code/unsupported`` naming the first field the update
    ///   sets that the provider cannot set (outside ``FieldCapabilities/updatable``), else
    ///   ``JobBridgeError/Code/invalidDefinition`` naming the first bad field.
    public func validate(for descriptor: ProviderDescriptor) throws {
        let check = Validator(provider: descriptor.name, operation: .updateJob)
        if let field = descriptor.fields.unsettable(in: self).first {
            throw JobBridgeError(
                .unsupported, "\(descriptor.name) cannot change a job's \(field.rawValue) through its API",
                provider: descriptor.name, operation: .updateJob, field: field.rawValue)
        }
        if let name { try check.name(name, descriptor: descriptor) }
        try check.connection(source, field: "source")
        try check.connection(destination, field: "destination")
        if let schedule { try check.schedule(schedule, descriptor: descriptor) }
    }
}

extension TaskDefinition {
    /// Checks that the task says what it runs.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the bad field.
    public func validate(for descriptor: ProviderDescriptor) throws {
        try validate(field: "task", check: Validator(provider: descriptor.name, operation: .addTask))
    }

    fileprivate func validate(field: String, check: Validator) throws {
        let hasQuery = !(query ?? "").allSatisfy(\.isWhitespace)
        let hasTable = !(table?.name ?? "").allSatisfy(\.isWhitespace)
        guard hasQuery || hasTable else {
            throw check.failure(field, "a task needs a query or a table; this one has neither")
        }
    }
}

extension TaskUpdate {
    /// Checks that a query or table being set is not blank.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the bad field.
    public func validate(for descriptor: ProviderDescriptor) throws {
        let check = Validator(provider: descriptor.name, operation: .updateTask)
        if let query, query.allSatisfy(\.isWhitespace) { throw check.failure("task.query", "the query is empty") }
        if let table, table.name.allSatisfy(\.isWhitespace) {
            throw check.failure("task.table", "the table name is empty")
        }
    }
}

private struct Validator {
    let provider: String
    let operation: JobOperation

    func failure(_ field: String, _ message: String) -> JobBridgeError {
        JobBridgeError(.invalidDefinition, message, provider: provider, operation: operation, field: field)
    }

    func name(_ name: String, descriptor: ProviderDescriptor) throws {
        if name.allSatisfy(\.isWhitespace) { throw failure("name", "the job name is empty") }
        if let limit = descriptor.maximumNameLength, name.count > limit {
            throw failure("name", "the job name has \(name.count) characters; \(provider) allows at most \(limit)")
        }
    }

    func connection(_ ref: ConnectionRef?, field: String) throws {
        guard let ref else { return }
        let hasID = !(ref.id?.rawValue ?? "").isEmpty
        let hasName = !(ref.name ?? "").allSatisfy(\.isWhitespace)
        if !hasID && !hasName { throw failure(field, "the connection has neither an id nor a name") }
    }

    func schedule(_ schedule: Schedule, descriptor: ProviderDescriptor) throws {
        // First, whatever the descriptor says: an unreadable schedule has nothing to write,
        // and writing anything else in its place would change when the job runs.
        if case .unreadable(let unreadable) = schedule {
            throw failure(
                "schedule",
                "\(unreadable); it cannot be written to \(provider): set a manual, cron or interval schedule instead")
        }
        guard descriptor.scheduleKinds.contains(schedule.kind) else {
            let accepted = descriptor.scheduleKinds.map(\.rawValue).sorted().joined(separator: ", ")
            throw failure(
                "schedule",
                "\(provider) does not accept \(schedule.kind.rawValue) schedules (it accepts: \(accepted))")
        }
        if case .interval(let interval) = schedule, interval.count < 1 {
            throw failure("schedule.count", "an interval count must be at least 1; got \(interval.count)")
        }
    }
}
