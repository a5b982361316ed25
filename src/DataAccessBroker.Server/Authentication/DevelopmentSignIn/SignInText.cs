namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// The words of the issuer's pages, in English and in Norwegian bokmål (chosen by the client's <c>ui_locales</c>, so
/// that a Norwegian portal does not drop into English for one page).
/// </summary>
public sealed record SignInText(
    string Language,
    string SignInTitle,
    string DevelopmentOnly,
    string ChooseUser,
    string DemoUsers,
    string ReturningTitle,
    string ReturningHint,
    string Continue,
    string RefusedTitle,
    string RefusedHint,
    string SignedOutTitle,
    string SignedOutHint)
{
    public static readonly SignInText English = new(
        "en",
        "Sign in to DataAccessBroker (development)",
        "This page exists only in development: anyone may sign in as any demo user, without a password.",
        "Choose who to sign in to {0} as.",
        "Demo users",
        "Signing you in",
        "Returning to the application. If nothing happens, press Continue.",
        "Continue",
        "Sign-in cannot continue",
        "Start the sign-in again from the application.",
        "You are signed out",
        "You have signed out of DataAccessBroker's development issuer. You may close this window.");

    public static readonly SignInText Norwegian = new(
        "nb",
        "Logg inn i DataAccessBroker (utvikling)",
        "Denne siden finnes bare under utvikling: hvem som helst kan logge inn som en hvilken som helst demobruker, uten passord.",
        "Velg hvem du vil logge inn i {0} som.",
        "Demobrukere",
        "Logger deg inn",
        "Du sendes tilbake til applikasjonen. Trykk Fortsett om ingenting skjer.",
        "Fortsett",
        "Innloggingen kan ikke fortsette",
        "Start innloggingen på nytt fra applikasjonen.",
        "Du er logget ut",
        "Du har logget ut av DataAccessBrokers innlogging for utvikling. Du kan lukke dette vinduet.");

    /// <summary>
    /// The first language of <c>ui_locales</c> (space-separated BCP 47 tags, most preferred first) that the pages
    /// speak: <c>nb</c> for nb, no and nn (bokmål is closer to nynorsk than English is), <c>en</c> otherwise.
    /// </summary>
    public static string LanguageOf(string? uiLocales)
    {
        foreach (var tag in (uiLocales ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var language = tag.Split('-')[0].ToLowerInvariant();
            if (language is "nb" or "no" or "nn") return Norwegian.Language;
            if (language == "en") return English.Language;
        }

        return English.Language;
    }

    public static SignInText In(string language) => language == Norwegian.Language ? Norwegian : English;
}
