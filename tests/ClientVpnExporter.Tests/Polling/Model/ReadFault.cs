namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>How one paginated call of a poll fails, as the SDK reports it after its own retries.</summary>
internal enum ReadFault
{
    None,

    /// <summary>RequestLimitExceeded (503) on the first page.</summary>
    Throttled,

    /// <summary>InternalError (500) on the first page.</summary>
    ServerError,

    /// <summary>The first page arrives, the next one fails (or the only one, when there is one).</summary>
    FailsAfterFirstPage,

    /// <summary>InvalidClientVpnEndpointId.NotFound for an endpoint that exists: AWS being eventually consistent.</summary>
    NotFound,
}
