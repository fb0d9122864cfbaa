namespace ClientVpnSimulator.Protocol;

/// <summary>An EC2 error answer.</summary>
internal sealed class ErrorQueryResult : QueryResult
{
    /// <summary>Creates the answer to request <paramref name="requestId"/>.</summary>
    public ErrorQueryResult(Ec2Error error, string requestId)
    {
        Error = error;
        RequestId = requestId;
    }

    /// <summary>The error reported.</summary>
    public Ec2Error Error { get; }

    /// <summary>The id of the request answered.</summary>
    public string RequestId { get; }

    /// <inheritdoc/>
    public override int StatusCode => Error.StatusCode;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        using var writer = Ec2Xml.CreateWriter(stream);
        writer.WriteStartDocument();
        writer.WriteStartElement("Response");
        writer.WriteStartElement("Errors");
        writer.WriteStartElement("Error");
        writer.WriteElementString("Code", Error.Code);
        writer.WriteElementString("Message", Error.Message);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteElementString("RequestID", RequestId);
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
