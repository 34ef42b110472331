use tjs::core::service_error::{decode, field_paths};

#[test]
fn decodes_sagemaker_json_errors() {
    let e = decode(
        400,
        r#"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected"}"#,
    );
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ValidationException", "1 validation error detected"));
    let e = decode(400, r#"{"__type":"ResourceInUse","Message":"Training job names must be unique"}"#);
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceInUse", "Training job names must be unique"));
}

#[test]
fn decodes_moto_xml_errors() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>\
                <Message>The request signature we calculated does not match &amp; so on</Message></Error></Errors></ErrorResponse>";
    let e = decode(403, body);
    assert_eq!(e.code, "SignatureDoesNotMatch");
    assert!(
        e.message.starts_with("The request signature we calculated does not match & so on Besides"),
        "{}",
        e.message
    );
}

#[test]
fn shows_anything_else_raw() {
    let e = decode(500, "upstream said no");
    assert_eq!((e.code.as_str(), e.message.as_str()), ("HTTP 500", "upstream said no"));
    assert_eq!(decode(500, "").code, "HTTP 500");
}

#[test]
fn a_web_page_in_place_of_the_service_is_explained() {
    // nginx's own page for a wrong proxy path (issue 13 item 8).
    let nginx_404 =
        "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n\
                     <hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
    let e = decode(404, nginx_404);
    assert_eq!(e.code, "HTTP 404");
    assert!(e.message.starts_with("Nothing that speaks the SageMaker API answers at this address"), "{}", e.message);
    assert!(
        e.message.contains("proxy path (Send via)") && e.message.ends_with("\"\u{2068}404 Not Found\u{2069}\""),
        "{}",
        e.message
    );
    assert!(!e.message.contains('<'));
    let e = decode(502, "<!DOCTYPE html><html><body><p>Bad &amp; Gateway</p></body></html>");
    assert!(
        e.message.contains("could not get an answer") && e.message.ends_with("\"\u{2068}Bad & Gateway\u{2069}\""),
        "{}",
        e.message
    );
    let long = format!("<html><body>{}</body></html>", "word ".repeat(500));
    assert!(decode(404, &long).message.len() < 500);
}

#[test]
fn a_refused_signature_also_points_at_the_endpoint() {
    let e = decode(403, r#"{"__type":"SignatureDoesNotMatch","message":"Check your AWS Secret Access Key."}"#);
    assert!(e.message.starts_with("Check your AWS Secret Access Key. Besides the secret key"), "{}", e.message);
    assert!(e.message.contains("the signature covers its host and path"));
}

#[test]
fn maps_validation_paths_onto_form_paths() {
    let msg = "2 validation errors detected: Value 'Foo' at 'inputDataConfig.1.member.inputMode' failed to satisfy \
               constraint: Member must satisfy enum value set: [Pipe, File]; Value 'x' at 'resourceConfig.instanceCount' failed";
    assert_eq!(field_paths(msg), ["InputDataConfig[0].InputMode", "ResourceConfig.InstanceCount"]);
    assert_eq!(field_paths("Value 'a_b' at 'trainingJobName' failed"), ["TrainingJobName"]);
    assert!(field_paths("nothing here.member.1").is_empty());
}
