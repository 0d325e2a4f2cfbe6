import JobBridge

/// Cases for listing, reading, creating, changing and deleting jobs.
enum JobCases {
    static let paging = ContractCase("list.followsPages", operation: .listJobs) { harness in
        let provider = try await harness.makeProvider()
        let before = Set(try await provider.jobs().collect().map(\.id))
        let count = harness.jobsSpanningPages ?? 2
        var created: Set<JobID> = []
        for number in 0..<count { created.insert(try await provider.createJob(harness.definition(number)).id) }
        let listed = try await provider.jobs().collect().map(\.id)
        try Check.equal(listed.count, Set(listed).count, "jobs listed more than once across pages")
        try Check.equal(Set(listed).subtracting(before), created, "jobs listed over \(count) creations")
    }

    static let list: [Requirement] = [
        Requirement("list.uniqueIDs", .listJobs) { harness in
            let provider = try await harness.makeProvider()
            // With creation, make sure there is something to list; without, the fresh
            // state's own jobs are what is checked.
            var created: Set<JobID> = []
            if harness.capabilities.supports(.createJob) {
                for number in 0..<2 { created.insert(try await provider.createJob(harness.definition(number)).id) }
            }
            let ids = try await provider.jobs().collect().map(\.id)
            try Check.equal(Set(ids).count, ids.count, "distinct ids among \(ids.count) listed jobs")
            try Check.that(created.isSubset(of: Set(ids)), "created jobs \(created) missing from the list")
        },
        Requirement("list.containsCreated", .listJobs, requires: .createJob) { harness in
            let provider = try await harness.makeProvider()
            let first = try await provider.createJob(harness.definition(0))
            let second = try await provider.createJob(harness.definition(1))
            let listed = try await provider.jobs().collect()
            for job in [first, second] {
                let matches = listed.filter { $0.id == job.id }
                try Check.equal(matches.count, 1, "times job \(job.id) appears in the list")
                try Check.equal(matches[0].name, job.name, "listed name of \(job.id)")
            }
        },
    ]

    static let get: [Requirement] = [
        Requirement("get.matchesList", .getJob, requires: [.listJobs, .createJob]) { harness in
            let provider = try await harness.makeProvider()
            let created = try await provider.createJob(harness.richDefinition)
            let listed = try await provider.jobs().collect().first { $0.id == created.id }
            let read = try await provider.job(created.id)
            try Check.that(listed != nil, "created job \(created.id) is not listed")
            try compare(read.definition, listed?.definition, fields: harness.roundTripFields.subtracting([.tasks]))
        }
    ]

    static let create: [Requirement] = [
        Requirement("create.roundTrip", .createJob, requires: .getJob) { harness in
            let provider = try await harness.makeProvider()
            let definition = harness.richDefinition
            let created = try await provider.createJob(definition)
            try compare(created.definition, definition, fields: harness.roundTripFields, what: "created")
            let read = try await provider.job(created.id)
            try Check.equal(read.id, created.id, "id read back")
            try compare(read.definition, definition, fields: harness.roundTripFields, what: "read back")
        },
        Requirement("create.rejectsEmptyName", .createJob) { harness in
            var definition = harness.definition(0)
            definition.name = "   "
            try await expectRejected(definition, field: "name", harness: harness)
        },
        Requirement("create.rejectsBadSchedule", .createJob) { harness in
            var definition = harness.definition(0)
            definition.schedule = .interval(IntervalSchedule(every: 0, .hour))
            let provider = try await harness.makeProvider()
            // A provider that takes intervals must refuse the count; one that does not
            // must refuse the kind.
            let field = provider.descriptor.scheduleKinds.contains(.interval) ? "schedule.count" : "schedule"
            try await expectRejected(definition, field: field, harness: harness)
        },
        Requirement("create.rejectsBlankTask", .createJob) { harness in
            var definition = harness.definition(0)
            definition.tasks = [TaskDefinition(query: "  ")]
            try await expectRejected(definition, field: "tasks[0]", harness: harness)
        },
    ]

    static let update: [Requirement] = [
        Requirement(
            "update.roundTrip", .updateJob, requires: [.createJob, .getJob],
            when: { $0.updatable.contains(.name) || $0.updatable.intersection($0.readable).contains(.isEnabled) }
        ) { harness in
            let provider = try await harness.makeProvider()
            let created = try await provider.createJob(harness.richDefinition)
            let fields = harness.fields
            var change = JobUpdate()
            if fields.updatable.contains(.name) { change.name = created.name + " renamed" }
            if fields.updatable.contains(.isEnabled) && fields.readable.contains(.isEnabled) {
                change.isEnabled = !created.isEnabled
            }
            let updated = try await provider.updateJob(created.id, with: change)
            if let name = change.name { try Check.equal(updated.name, name, "name returned by update") }
            let read = try await provider.job(created.id)
            // Expect what was asked for, not what create returned, so that a field lost on
            // every read is caught here too.
            var expected = harness.richDefinition
            var compared = harness.roundTripFields
            if let name = change.name {
                expected.name = name
                compared.insert(.name)
            }
            if let isEnabled = change.isEnabled {
                expected.isEnabled = isEnabled
                compared.insert(.isEnabled)
            }
            try compare(read.definition, expected, fields: compared, what: "read after update")
        },
        Requirement(
            "update.rejectsEmptyName", .updateJob, requires: [.createJob, .getJob],
            when: { $0.updatable.contains(.name) }
        ) { harness in
            let provider = try await harness.makeProvider()
            let created = try await provider.createJob(harness.definition(0))
            try await Check.throwsError(.invalidDefinition, field: "name", "renaming a job to nothing") {
                try await provider.updateJob(created.id, with: JobUpdate(name: ""))
            }
            try Check.equal(try await provider.job(created.id).name, created.name, "name after a refused update")
        },
        Requirement(
            "update.refusesUnsettableFields", .updateJob, requires: [.createJob, .getJob],
            when: { !JobField.inUpdates.subtracting($0.updatable).isEmpty }
        ) { harness in
            // A field the provider cannot set is refused, naming it, and the job is left as
            // it was: never silently dropped from the request, never sent anyway.
            let provider = try await harness.makeProvider()
            let created = try await provider.createJob(harness.definition(0))
            let rich = harness.richDefinition
            let fields = harness.fields
            for field in JobField.allCases where JobField.inUpdates.contains(field) && !fields.updatable.contains(field)
            {
                var change = JobUpdate()
                switch field {
                case .name: change.name = created.name + " renamed"
                case .source: change.source = rich.source ?? ConnectionRef(name: "jobbridge-contract-source")
                case .destination:
                    change.destination = rich.destination ?? ConnectionRef(name: "jobbridge-contract-destination")
                case .schedule: change.schedule = rich.schedule == created.schedule ? .manual : rich.schedule
                case .isEnabled: change.isEnabled = !created.isEnabled
                case .settings: change.settings = ["jobbridge_contract": "x"]
                case .kind, .tasks: continue
                }
                try await Check.throwsError(
                    .unsupported, operation: .updateJob, field: field.rawValue, "an update setting \(field.rawValue)"
                ) {
                    try await provider.updateJob(created.id, with: change)
                }
            }
            let read = try await provider.job(created.id)
            try compare(
                read.definition, created.definition, fields: fields.readable.subtracting([.tasks]),
                what: "job after refused updates")
        },
    ]

    static let delete: [Requirement] = [
        Requirement("delete.removes", .deleteJob, requires: [.createJob, .getJob]) { harness in
            let provider = try await harness.makeProvider()
            let created = try await provider.createJob(harness.definition(0))
            let kept = try await provider.createJob(harness.definition(1))
            try await provider.deleteJob(created.id)
            try await Check.throwsError(.notFound, "reading a deleted job") { try await provider.job(created.id) }
            try Check.equal(try await provider.job(kept.id).id, kept.id, "the other job after a delete")
        }
    ]

    /// Creates the definition and checks it is refused as invalid at `field`, with nothing
    /// created (when the provider can list).
    private static func expectRejected(_ definition: JobDefinition, field: String, harness: any ContractHarness)
        async throws
    {
        let provider = try await harness.makeProvider()
        let canList = harness.capabilities.supports(.listJobs)
        let before = canList ? try await provider.jobs().collect().count : 0
        try await Check.throwsError(.invalidDefinition, field: field, "creating an invalid job (\(field))") {
            try await provider.createJob(definition)
        }
        if canList {
            try Check.equal(try await provider.jobs().collect().count, before, "jobs after a refused create")
        }
    }

    /// Compares two definitions on the given fields.
    static func compare(
        _ actual: JobDefinition?, _ expected: JobDefinition?, fields: Set<JobField>, what: String = "job"
    ) throws {
        guard let actual, let expected else {
            throw ContractFailure("\(what): a definition is missing")
        }
        for field in JobField.allCases where fields.contains(field) {
            let label = "\(what) \(field.rawValue)"
            switch field {
            case .name: try Check.equal(actual.name, expected.name, label)
            case .kind:
                try Check.equal(actual.kind.category, expected.kind.category, label)
                if let value = expected.kind.providerValue {
                    try Check.equal(actual.kind.providerValue, value, label)
                }
            case .source: try Check.equal(actual.source, expected.source, label)
            case .destination: try Check.equal(actual.destination, expected.destination, label)
            case .schedule: try Check.equal(actual.schedule, expected.schedule, label)
            case .isEnabled: try Check.equal(actual.isEnabled, expected.isEnabled, label)
            case .tasks: try Check.equal(actual.tasks, expected.tasks, label)
            case .settings:
                for (key, value) in expected.settings {
                    try Check.equal(actual.settings[key], value, "\(label) '\(key)'")
                }
            }
        }
    }
}
