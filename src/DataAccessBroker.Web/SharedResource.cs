namespace DataAccessBroker.Web;

/// <summary>
/// The portal's texts: the English text is the key, Resources/SharedResource.nb.resx holds its bokmål. One file for
/// all pages, so a phrase used on several pages is translated once.
/// </summary>
public sealed class SharedResource;
