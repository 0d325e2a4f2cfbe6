// Job, JobDefinition and JobUpdate carry `settings`, a dictionary of JSON values. Printed
// as a dictionary, each value would show on its own, without the name that marks a secret
// (`"hunter2"` rather than `"password":"hunter2"`), so the redactor could not recognise it.
// Their mirrors (which `print`, `dump`, string interpolation and test failures use) show
// the settings as one redacted JSON object instead.

extension Job: CustomReflectable {
    /// The job's fields, with settings shown as one redacted JSON object.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "name": name, "kind": kind, "source": source as Any, "destination": destination as Any,
                "schedule": schedule, "isEnabled": isEnabled, "tasks": tasks, "createdAt": createdAt as Any,
                "modifiedAt": modifiedAt as Any, "nextRunAt": nextRunAt as Any, "lastRun": lastRun as Any,
                "settings": JSONValue.object(settings), "providerData": providerData as Any,
            ], displayStyle: .struct)
    }
}

extension JobDefinition: CustomReflectable {
    /// The definition's fields, with settings shown as one redacted JSON object.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name, "kind": kind, "source": source as Any, "destination": destination as Any,
                "schedule": schedule, "isEnabled": isEnabled, "tasks": tasks, "settings": JSONValue.object(settings),
            ], displayStyle: .struct)
    }
}

extension JobUpdate: CustomReflectable {
    /// The change's fields, with settings shown as one redacted JSON object.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "name": name as Any, "source": source as Any, "destination": destination as Any,
                "schedule": schedule as Any, "isEnabled": isEnabled as Any, "settings": JSONValue.object(settings),
            ], displayStyle: .struct)
    }
}
