namespace DataAccessBroker.Web.Sessions;

public static class PostedForm
{
    /// <summary>
    /// The posted form, or null when ASP.NET Core cannot read it (NUL characters, more fields than it reads): such a
    /// form is refused, never kept and never an error trace.
    /// </summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
