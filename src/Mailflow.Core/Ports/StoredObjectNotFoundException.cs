namespace Mailflow.Core.Ports;

/// <summary>Nothing is stored under a key an envelope named: permanent, retrying will not make it appear.</summary>
public sealed class StoredObjectNotFoundException : PermanentFailureException
{
    public StoredObjectNotFoundException(string key) : base($"Nothing is stored under '{key}'.") => Key = key;

    public StoredObjectNotFoundException() { }

    public StoredObjectNotFoundException(string message, Exception inner) : base(message, inner) { }

    public string Key { get; } = "";
}
