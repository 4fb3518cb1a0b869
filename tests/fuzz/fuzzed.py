"""Which fuzz test sends hostile input to each endpoint the add-on registers.

tests/test_fuzz_coverage.py lists the endpoints from the component registry
(every view, page, form and plone.rest service of the add-on's ZCML, the
``?expand=`` component, the ``@controlpanels/`` panel, the vocabularies and
the static resource folders) and fails, naming it, for one that is in neither
mapping below: a new endpoint needs a fuzz test here first.

Keys: ``@@name`` for a browser view or form, ``@@name for Exception`` for an
exception view, ``METHOD @name`` for a plone.rest service, ``?expand=name``,
``@controlpanels/name``, ``@vocabularies/name`` and ``++plone++name``.
Values: the fuzz tests, as ``test_module.py::test_name`` (a test of a class:
``test_module.py::Class::test_name``) in tests/fuzz; each must exist.
"""

FUZZED: dict[str, tuple[str, ...]] = {
    # plone.rest services
    "GET @composite": (
        "test_fuzz_composite.py::test_reading_an_arrangement_never_fails_nor_writes",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
        "test_fuzz_languages_pam_first.py::"
        "test_a_page_arranged_then_translated_starts_with_its_last_arrangement",
    ),
    "PATCH @composite": (
        "test_fuzz_composite.py::test_a_hostile_patch_is_refused_or_saved_valid",
        "test_fuzz_stateful_editors.py::"
        "test_two_editors_and_a_site_administrator_in_random_sequences",
        "test_fuzz_odd_settings.py::"
        "test_an_odd_payload_limit_reads_bodies_with_the_default_or_the_floor",
        "test_fuzz_composite.py::test_hostile_widget_settings_are_refused_or_saved_valid",
        "test_fuzz_composite.py::"
        "test_a_hostile_settings_change_by_id_is_refused_or_saved_valid",
        "test_fuzz_composite.py::test_any_query_criterion_is_refused_or_saved_and_renders",
        "test_fuzz_composite.py::test_a_patch_from_who_may_not_design_changes_nothing",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
        "test_fuzz_languages_pam_first.py::"
        "test_a_page_arranged_then_translated_starts_with_its_last_arrangement",
    ),
    "POST @composite-cards": (
        "test_fuzz_cards_preview.py::test_hostile_cards_are_refused_or_rendered",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
    ),
    "POST @composite-preview": (
        "test_fuzz_cards_preview.py::test_a_hostile_preview_is_refused_or_renders",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
    ),
    "GET @composite-export": (
        "test_fuzz_export_import.py::"
        "test_exporting_and_listing_layouts_never_fail_nor_write",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "POST @composite-import": (
        "test_fuzz_export_import.py::"
        "test_a_hostile_import_is_refused_or_imports_a_valid_arrangement",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
    ),
    "GET @composite-layouts": (
        "test_fuzz_export_import.py::"
        "test_exporting_and_listing_layouts_never_fail_nor_write",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "GET @composite-history": (
        "test_fuzz_history.py::test_reading_the_history_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "POST @composite-history": (
        "test_fuzz_history.py::"
        "test_a_hostile_restore_is_refused_or_restores_a_valid_arrangement",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
    ),
    "GET @composite-lock": (
        "test_fuzz_lock.py::test_a_hostile_lock_request_is_refused_or_only_changes_the_lock",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "POST @composite-lock": (
        "test_fuzz_lock.py::test_a_hostile_lock_request_is_refused_or_only_changes_the_lock",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
    ),
    "DELETE @composite-lock": (
        "test_fuzz_lock.py::test_a_hostile_lock_request_is_refused_or_only_changes_the_lock",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
    ),
    # The services' answer to Unauthorized (401 or 403 with a JSON error).
    "@@index.html for Unauthorized": (
        "test_fuzz_composite.py::test_a_patch_from_who_may_not_design_changes_nothing",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
    ),
    "?expand=composite": (
        "test_fuzz_pages.py::test_reading_the_pages_never_fails_nor_writes",
        "test_fuzz_content_versions.py::"
        "test_a_content_version_expands_to_its_own_arrangement",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@controlpanels/composite": (
        "test_fuzz_controlpanel.py::test_a_patch_is_stored_whole_or_refused_changing_nothing",
        "test_fuzz_controlpanel.py::test_reading_the_panel_changes_nothing",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
    ),
    # Browser views and forms
    "@@composite-view": (
        "test_fuzz_pages.py::test_reading_the_pages_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@@composite-design": (
        "test_fuzz_pages.py::test_reading_the_pages_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_languages.py::TestOtherLanguages::"
        "test_other_languages_never_fail_nor_write_and_show_what_may_be_seen",
        "test_fuzz_protocols.py::test_webdav_and_odd_methods_never_fail_nor_change_arrangements",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
        "test_fuzz_languages_pam_first.py::"
        "test_a_page_arranged_then_translated_starts_with_its_last_arrangement",
    ),
    "@@composite-other-languages": (
        "test_fuzz_languages.py::TestOtherLanguages::"
        "test_other_languages_never_fail_nor_write_and_show_what_may_be_seen",
        "test_fuzz_languages_pam_first.py::"
        "test_a_page_arranged_then_translated_starts_with_its_last_arrangement",
    ),
    "@@composite-layout-preview": (
        "test_fuzz_pages.py::test_reading_the_pages_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@@composite-layout-gallery": (
        "test_fuzz_pages.py::test_the_layout_gallery_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@@composite-widget-settings": (
        "test_fuzz_widget_settings.py::test_opening_the_settings_form_never_fails_nor_writes",
        "test_fuzz_odd_settings.py::"
        "test_an_upload_under_any_folder_record_is_stored_there_or_refused",
        "test_fuzz_widget_settings.py::"
        "test_applying_hostile_settings_is_refused_or_gives_valid_ones",
        "test_fuzz_widget_settings.py::"
        "test_fields_sent_twice_or_converted_are_refused_or_give_valid_settings",
        "test_fuzz_widget_settings.py::"
        "test_a_hostile_upload_is_refused_or_stores_one_valid_image",
        "test_fuzz_bodies.py::test_a_malformed_body_is_refused_and_changes_nothing",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@@composite-controlpanel": (
        "test_fuzz_controlpanel.py::"
        "test_the_settings_form_saves_valid_settings_or_refuses_changing_nothing",
        "test_fuzz_controlpanel.py::test_opening_the_settings_form_never_fails_nor_writes",
        "test_fuzz_headers.py::test_hostile_headers_and_methods_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "PATCH @history": (
        "test_fuzz_content_history.py::test_a_revert_to_no_version_of_the_page_is_refused",
    ),
    "@@revertversion": (
        "test_fuzz_pages.py::test_a_revert_to_no_version_of_the_page_is_refused",
    ),
    # Vocabularies (plone.restapi's @vocabularies, Plone's @@getVocabulary)
    "@vocabularies/collective.composite.Layouts": (
        "test_fuzz_resources.py::test_the_vocabularies_never_fail_nor_write",
        "test_fuzz_protocols.py::test_form_converters_never_fail_on_the_add_ons_pages_nor_write",
    ),
    "@vocabularies/collective.composite.ComposableTypes": (
        "test_fuzz_resources.py::test_the_vocabularies_never_fail_nor_write",
    ),
    "@vocabularies/collective.composite.ImageScales": (
        "test_fuzz_resources.py::test_the_vocabularies_never_fail_nor_write",
    ),
    # Static resource folders
    "++plone++collective.composite.editor": (
        "test_fuzz_resources.py::test_static_resources_serve_only_their_own_files",
    ),
    "++plone++collective.composite.layouts": (
        "test_fuzz_resources.py::test_static_resources_serve_only_their_own_files",
    ),
    "++plone++collective.composite.gallery": (
        "test_fuzz_resources.py::test_static_resources_serve_only_their_own_files",
    ),
}

#: Endpoints no request can reach with input of its own, and why.
NOT_FUZZED: dict[str, str] = {
    "@@index.html for ConflictError": (
        "the answer to a request that lost every retry to ZODB conflicts: a 503 "
        "by design, whatever was sent (tests/test_hardening_conflicts.py)"
    ),
}
