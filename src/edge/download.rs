//! Saving a file from the browser, at the edge of the app: a Blob, an object
//! URL, a click on a download link, and the URL revoked once the browser has
//! taken the file. Nothing leaves the machine.

use gloo::file::{Blob, ObjectUrl};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlAnchorElement;

/// How long the object URL lives after the click: revoking it at once can
/// cancel the download in some browsers.
const REVOKE_AFTER_MS: u32 = 10_000;

/// Offers `contents` as a download called `file_name`.
pub fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let url = ObjectUrl::from(Blob::new_with_options(contents, Some(mime)));
    let link: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_rel("noopener");
    link.click();
    // Dropping the ObjectUrl revokes it.
    gloo::timers::callback::Timeout::new(REVOKE_AFTER_MS, move || drop(url)).forget();
    Ok(())
}
