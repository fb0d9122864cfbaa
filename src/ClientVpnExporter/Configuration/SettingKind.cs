namespace ClientVpnExporter.Configuration;

/// <summary>The shape a configuration key must have, as the binder reads it.</summary>
internal enum SettingKind
{
    /// <summary>A single value (string, number, time span, enum name).</summary>
    Value,

    /// <summary>Named settings below it, each known.</summary>
    Section,

    /// <summary>Items numbered 0, 1, 2, …, each of one shape.</summary>
    List,

    /// <summary>Keys the user chooses (tag names), each value of one shape.</summary>
    Map,

    /// <summary>Anything below it (the host's <c>Logging</c> section); only log levels are checked.</summary>
    Open,
}
