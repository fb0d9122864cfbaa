namespace ClientVpnSimulator.Faults;

/// <summary>The faults the simulator injects, in the order a rule draws them: the first that fires decides the answer.</summary>
internal enum FaultKind
{
    /// <summary>The request is never answered.</summary>
    Hang,

    /// <summary>Throttled.</summary>
    Throttle,

    /// <summary>A 5xx server error.</summary>
    ServerError,

    /// <summary>The credentials are refused.</summary>
    AuthFailure,

    /// <summary>The endpoint is not found although discovery lists it.</summary>
    EndpointNotFound,

    /// <summary>The page token is refused.</summary>
    InvalidNextToken,

    /// <summary>The successful answer's XML is cut in half.</summary>
    TruncatedXml,

    /// <summary>The successful answer is replaced with something that is not XML.</summary>
    MalformedXml,

    /// <summary>A page of a paginated Describe is cut short before the end, or continues with a token past it.</summary>
    UntidyPages,

    /// <summary>Fields of connection items are replaced.</summary>
    MalformedFields,

    /// <summary>The answer is delayed; counted apart, since it combines with every other fault.</summary>
    Latency,
}
