// Names of SaaS and API providers that issue API keys, tokens or secrets (lower-case, one word each). A value
// next to one of them is that service's credential when the value model says the value is random: `{"ambee": "…"}`,
// `AMBEE_API = …`, `[DEBUG] Using abyssale key: …`. Most services have no documented key format, so without the
// name the engine would only find their keys under generic names. The names were gathered from public rule sets
// (the detector directories of TruffleHog, the rule files of gitleaks); only the names, no patterns or test data.

/** Services whose name alone, next to a random value, names a credential. */
export const SERVICE_NAMES: readonly string[] = `
abuseipdb abyssale accuweather adafruit adafruitio adobe adobeio adyen adzuna aeroworkflow airbrake airtable
airvisual aiven alconost alegra aletheia aletheiaapi algolia alibaba alienvault allsports amadeus ambee anthropic
anypoint apacta api2cart apideck apiflash apifonica apify apilayer apimatic apimetrics apitemplate appcues appfollow
appointedd appoptics appsynergy apptivo artifactory asana assemblyai atera atlassian audd auth0 authress autodesk
autoklose avaza aviationstack axonaut aylien ayrshare azure azuredevops bannerbear baremetrics beebole besnappy
besttime betterstack billomat bitbucket bitfinex bitly bitmex bittrex blazemeter blitapp blocknative bombbomb
boostnote borgbase boxoauth braintree brandfetch browserstack browshot bscscan buddyns budibase bugherd bugsnag
buildkite bulbul bulksms buttercms caflou calendarific calendly calorieninja campayn cannyio capsulecrm captaindata
carboninterface caspio castai censys centralstationcrm cexio chargebee chartmogul chatfule checio checklyhq
checkvist circleci clarifai clearbit clickhelp clickhouse clicksend clicksendsms clickup cliengo clinchpad clockify
clockworksms clojars closecrm cloudconvert cloudelements cloudflare cloudimage cloudmersive cloudplan cloudsmith
cloverly clustdoc codacy codeclimate codecov codemagic codequiry cohere coinapi coinbase coinlayer coinlib
commercejs companyhub contentful conversiontools convertapi convertkit convier coveralls craftmypdf crowdin
cryptocompare currencycloud currencyfreaks currencylayer currencyscoop currentsapi customerguru customerio d7network
dareboost databricks datadog datagov deepai deepgram demio denodeploy detectify dfuse diffbot diggernaut
digitalocean discord disqus dockerhub documo docusign doppler dotmailer dovico dronahq droneci dropbox duffel duply
dwolla dynalist dynatrace dyspatch eagleeyenetworks easyinsight easypost ecostruxureit edamam edenai elasticemail
elevenlabs enablex endorlabs etherscan ethplorer etsy eventbrite everhour exchangerateapi exchangeratesapi exportsdk
extractorapi facebook faceplusplus fastforex fastly feedier fetchrss fibery figma finage financialmodelingprep findl
finicity finnhub fixerio flatio fleetbase flexport flickr flightapi flightlabs flightstats flowflu flutterwave flyio
fmfw formbucket formcraft formio formsite foursquare frameio freemius freshbooks freshdesk freshworks fullstory
fxmarket geckoboard gengo geoapify geocodify geocodio geoipifi getgeoapi getgist getsandbox github gitlab gitter
glassnode gocanvas gocardless godaddy grafana graphcms graphhopper groovehq groq gtmetrix guardianapi gumroad gyazo
happyscribe hashicorp hellosign helpcrunch helpscout hereapi heroku hiveage holidayapi honeycomb html2pdf hubspot
huggingface hybiscus hypertrack iconfinder iexapis iexcloud imagekit imagga infracost infura insightly instabot
instamojo intercom interseller intra42 intrinio invoiceocean ip2location ipapi ipgeolocation ipinfodb ipquality
ipstack jfrog jotform jumpcloud jupiterone kanbantool karmacrm keenio kickbox klaviyo klipfolio knapsackpro kontent
kucoin kylas langfuse langsmith languagelayer larksuite launchdarkly leadfeeder lemlist lemonsqueezy lendflow
lessannoyingcrm lexigram linearapi linenotify linkedin liveagent livestorm loadmill locationiq loggly loginradius
logzio lokalise loyverse lunchmoney madkudu magicbell mailboxlayer mailchimp mailerlite mailgun mailjet mailmodo
mailsac mandrill mapbox mapquest marketstack mattermost mavenlink maxmind meaningcloud mediastack meistertask meraki
mesibo messagebird metaapi metabase metrilo mindmeister miro mixmax mockaroo mongodb monkeylearn moonclerk moosend
moralis mrticktock myfreshworks myintervals nethunt netlify netsuite neutrinoapi newrelic newsapi newscatcher nexmo
nftport ngrok nicereply nozbeteams nuget numverify nutritionix nvapi nylas nytimes oanda okta omnisend onedesk
onelogin onepagecrm onesignal onfleet oopspam openai opencagedata openuv openweather opsgenie optimizely overloop
packagecloud pagarme pagerduty pandadoc pandascore paperform paralleldots parsehub parseur partnerstack pastebin
paydirtapp paymoapp paymongo paypal paystack pdflayer pdfshift peopledatalabs pepipost pinata pipedrive
pivotaltracker pixabay planetscale planviewleankit planyo plivo podio pollsapi poloniex portainer positionstack
postageapp posthog postmark powrbot prodpad prospectcrm protocolsio proxycrawl pubnub pulumi purestake pushbullet
pusher pypi qase qualaroo qubole rabbitmq railwayapp rapidapi rawg razorpay reachmail reallysimplesystems rebrandly
rechargepayments rentman repairshopr replyio requestfinance restpack revampcrm ringcentral ritekit robinhoodcrypto
rocketreach roninapp route4me rownd rubygems runrunit saladcloud salesblink salescookie salesflare salesforce
salesmate satismeter saucelabs scaleway scalingo scalr scrapeowl scraperapi scraperbox scrapestack scrapfly
scrapingant scrapingbee screenshotapi screenshotlayer scrutinizerci securitytrails selectpdf sendbird sendgrid
sendinblue sentry serphouse serpstack sheety sherpadesk shipday shippo shodan shopify shotstack shutterstock sidekiq
signalwire signaturit signupgenius sigopt simfin simplesat simplynoted simvoly sinch sirv siteleaf skrappio
skybiometry slack smartsheets smartystreets smooch snipcart snowflake snyk sonarcloud sourcegraph speechtextai
splunk spoonacular sportsmonk squareapp squarespace squareup sslmate statuscake statuspal stitchdata storecove
stormboard stormglass storyblok storychief strava stripe stripo stytch sugester sumologic supabase supernotes
surveyanyplace surveybot surveysparrow survicate swiftype tailscale tallyfy tatumio taxjar teamgate teamworkcrm
teamworkdesk teamworkspaces technicalanalysisapi tefter telegram telnyx testingbot textmagic theoddsapi thinkific
thousandeyes ticketmaster tickettailor tiingo timecamp timezoneapi tmetric todoist tokeet tomorrowio tomtom tradier
transferwise travelpayouts travisci trello twelvedata twilio twitch twitter tyntec typeform typetalk ubidots
uclassify unifyid unplugg unsplash upcdatabase uplead uploadcare uptimerobot upwave urlscan userstack vercel
verimail veriphone versioneye viewneo virustotal visualcrossing voiceflow voicegain voodoosms vouchery vpnapi vultr
vyte walkscore weatherbit weatherstack web3storage webex webflow websitepulse weightsandbiases whoxy wistia
worksnaps worldcoinindex worldweather wrike xai yandex yelp youneedabudget yousign youtube zendesk zenkit zenrows
zenscrape zenserp zeplin zerobounce zerotier zipapi zipbooks zipcodeapi zipcodebase zohocrm zonkafeedback zulipchat
`
  .trim()
  .split(/\s+/);

/**
 * Services named by a common English or code word (`box`, `square`, `linear`, `notion`, `front`): they only give
 * context together with a credential word (`square api key: …`, `notion_api`), never alone.
 */
export const AMBIGUOUS_SERVICE_NAMES: readonly string[] = `
abstract agora airship alchemy amplitude apollo artsy beamer bing blogger box buddy cashboard chatbot checkout
cicero close cloze coda collect column commodities confluent copper courier dandelion databox delighted deputy
detectlanguage ditto dnscheck docker docparser enigma envoy eraser fileio float front fulcrum gemini geocode
getresponse goodday harness harvest holistic host humanity hunter impala juro kanban kraken linear linkpreview lob
looker luno mailbox mistral mite moderation monday mux nightfall nimble noticeable notion octopus owlbot parsers
percy pipedream plaid polygon postbacks postman prefect privacy ramp readme redis refiner render replicate roaring
salt sanity segment semaphore shortcut signable square statuspage stockdata streak sugar swell teams teletype tines
twist uri userflow vault verifier webscraper webscraping wiz workstack
`
  .trim()
  .split(/\s+/);
